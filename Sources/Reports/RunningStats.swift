/// Count, mean, variance, minimum and maximum of a stream of values, in constant
/// memory, by Welford's update (Welford, Technometrics 1962).
///
/// The simulator observes millions of values (setup delays, active calls); keeping
/// them all, or summing squares naïvely, is either too big or numerically unstable
/// when the variance is small next to the mean. Two partial results combine with
/// `merge(_:)` (Chan, Golub and LeVeque's pairwise formula), e.g. per-interval
/// figures into a whole run.
public struct RunningStats: Sendable, Hashable {
    /// Values added so far.
    public private(set) var count = 0
    /// The mean so far; 0 before any value.
    public private(set) var mean = 0.0
    /// Sum of squared deviations from the mean.
    private var m2 = 0.0
    /// The smallest value so far; NaN before any value.
    public private(set) var minimum = Double.nan
    /// The largest value so far; NaN before any value.
    public private(set) var maximum = Double.nan

    public init() {}

    /// Adds one observation.
    public mutating func add(_ value: Double) {
        self.count += 1
        let delta = value - self.mean
        self.mean += delta / Double(self.count)
        self.m2 += delta * (value - self.mean)
        self.minimum = self.count == 1 ? value : min(self.minimum, value)
        self.maximum = self.count == 1 ? value : max(self.maximum, value)
    }

    /// Combines another summary into this one, as if its values had been added here.
    public mutating func merge(_ other: RunningStats) {
        guard other.count > 0 else { return }
        guard self.count > 0 else {
            self = other
            return
        }
        let n1 = Double(self.count)
        let n2 = Double(other.count)
        let n = n1 + n2
        let delta = other.mean - self.mean
        self.mean += delta * n2 / n
        self.m2 += other.m2 + delta * delta * n1 * n2 / n
        self.count += other.count
        self.minimum = min(self.minimum, other.minimum)
        self.maximum = max(self.maximum, other.maximum)
    }

    /// The sample variance (n − 1 denominator); NaN for fewer than two values.
    public var sampleVariance: Double {
        self.count >= 2 ? self.m2 / Double(self.count - 1) : .nan
    }

    /// The population variance (n denominator); NaN for no values.
    public var populationVariance: Double {
        self.count >= 1 ? self.m2 / Double(self.count) : .nan
    }

    /// The sample standard deviation; NaN for fewer than two values.
    public var standardDeviation: Double {
        self.sampleVariance.squareRoot()
    }
}
