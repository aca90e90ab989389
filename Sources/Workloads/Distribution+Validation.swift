#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checked construction: the way to build a distribution from user input, so an
/// impossible value is refused with a message instead of producing NaN durations
/// deep inside a run. Cases with direct parameters are checked with `validated()`
/// (`try Distribution.gamma(shape: k, scale: s).validated()`); the lognormal also
/// has constructors from the figures people usually quote.
extension Distribution {
    /// The standard normal's 95th percentile, `gsl_cdf_ugaussian_Pinv(0.95)`.
    public static let z95 = 1.6448536269514722

    /// The lognormal with the given mean and standard deviation (of the duration
    /// itself, not of its logarithm): `sigma^2 = ln(1 + sd^2/mean^2)`,
    /// `mu = ln(mean) - sigma^2/2`. Both must be positive and finite.
    public static func lognormal(mean: Double, sd: Double) throws(WorkloadError) -> Distribution {
        guard mean.isFinite, mean > 0 else {
            throw WorkloadError("expected a positive lognormal mean, got \(mean)")
        }
        guard sd.isFinite, sd > 0 else {
            throw WorkloadError("expected a positive lognormal standard deviation, got \(sd)")
        }
        let variance = log1p((sd / mean) * (sd / mean))
        return .lognormal(mu: log(mean) - variance / 2, sigma: variance.squareRoot())
    }

    /// The lognormal with the given median and 95th percentile, the way latencies
    /// are usually quoted: `mu = ln(median)`, `sigma = (ln p95 - ln median) / z95`.
    /// Requires `0 < median < p95`.
    public static func lognormal(median: Double, p95: Double) throws(WorkloadError) -> Distribution {
        guard median.isFinite, median > 0 else {
            throw WorkloadError("expected a positive lognormal median, got \(median)")
        }
        guard p95.isFinite, p95 > median else {
            throw WorkloadError("expected a 95th percentile above the median \(median), got \(p95)")
        }
        return .lognormal(mu: log(median), sigma: (log(p95) - log(median)) / Self.z95)
    }

    /// Returns `self` if its parameters describe a real distribution of
    /// non-negative durations, else throws saying which parameter is wrong. A Pareto
    /// shape <= 1 is accepted (a legitimate heavy tail) although its mean is infinite.
    public func validated() throws(WorkloadError) -> Distribution {
        func positive(_ value: Double, _ what: String) throws(WorkloadError) {
            guard value.isFinite, value > 0 else {
                throw WorkloadError("expected a positive \(what), got \(value)")
            }
        }
        switch self {
        case .exponential(let mean):
            try positive(mean, "exponential mean")
        case .lognormal(let mu, let sigma):
            guard mu.isFinite else { throw WorkloadError("expected a finite lognormal mu, got \(mu)") }
            try positive(sigma, "lognormal sigma")
        case .gamma(let shape, let scale):
            try positive(shape, "gamma shape")
            try positive(scale, "gamma scale")
        case .weibull(let shape, let scale):
            try positive(shape, "Weibull shape")
            try positive(scale, "Weibull scale")
        case .pareto(let shape, let scale):
            try positive(shape, "Pareto shape")
            try positive(scale, "Pareto scale")
        case .deterministic(let value):
            guard value.isFinite, value >= 0 else {
                throw WorkloadError("expected a non-negative finite duration, got \(value)")
            }
        case .empirical(let values):
            guard !values.isEmpty else {
                throw WorkloadError("expected at least one value in an empirical distribution")
            }
            if let index = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw WorkloadError("expected non-negative finite durations, got \(values[index]) at position \(index + 1)")
            }
        }
        return self
    }
}
