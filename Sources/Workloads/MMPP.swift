/// A two-state Markov-modulated Poisson process: bursty arrivals.
///
/// The process alternates between state 1 and state 2, staying an exponential
/// time with the given mean in each; while in state i, calls arrive as a Poisson
/// process with rate `rate_i`. It models traffic whose rate jumps (a campaign, a
/// mass re-registration) while keeping a known long-run rate, which plain Poisson
/// cannot. The process starts in its stationary state distribution, so its rate is
/// the long-run rate from time 0.
public struct MMPP: Sendable, Hashable {
    /// Arrival rate in state 1 (calls per second).
    public let rate1: Double
    /// Arrival rate in state 2 (calls per second).
    public let rate2: Double
    /// Mean time spent in state 1 per visit (seconds).
    public let meanSojourn1: Double
    /// Mean time spent in state 2 per visit (seconds).
    public let meanSojourn2: Double

    /// Checks rates are finite and non-negative and sojourns finite and positive.
    public init(rate1: Double, rate2: Double, meanSojourn1: Double, meanSojourn2: Double) throws(WorkloadError) {
        for (value, name) in [(rate1, "rate1"), (rate2, "rate2")] {
            guard value.isFinite, value >= 0 else {
                throw WorkloadError("expected a non-negative MMPP \(name), got \(value)")
            }
        }
        for (value, name) in [(meanSojourn1, "mean sojourn 1"), (meanSojourn2, "mean sojourn 2")] {
            guard value.isFinite, value > 0 else {
                throw WorkloadError("expected a positive MMPP \(name), got \(value)")
            }
        }
        self.rate1 = rate1
        self.rate2 = rate2
        self.meanSojourn1 = meanSojourn1
        self.meanSojourn2 = meanSojourn2
    }

    /// The fraction of time spent in state 1: `m1 / (m1 + m2)`.
    public var stationaryProbability1: Double {
        self.meanSojourn1 / (self.meanSojourn1 + self.meanSojourn2)
    }

    /// The long-run arrival rate: the time-weighted mean
    /// `(rate1·m1 + rate2·m2) / (m1 + m2)`.
    public var longRunRate: Double {
        (self.rate1 * self.meanSojourn1 + self.rate2 * self.meanSojourn2) / (self.meanSojourn1 + self.meanSojourn2)
    }
}
