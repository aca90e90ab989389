#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Analytic moments, for offered-load figures (Erlangs = rate x mean holding time)
/// and for testing the samplers against theory rather than against themselves.
extension Distribution {
    /// The mean in seconds; `+infinity` for a Pareto with shape <= 1.
    public var mean: Double {
        switch self {
        case .exponential(let mean):
            return mean
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * sigma / 2)
        case .gamma(let shape, let scale):
            return shape * scale
        case .weibull(let shape, let scale):
            return scale * tgamma(1 + 1 / shape)
        case .pareto(let shape, let scale):
            return shape > 1 ? shape * scale / (shape - 1) : .infinity
        case .deterministic(let value):
            return value
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The variance in seconds squared; `+infinity` for a Pareto with shape <= 2.
    /// For `empirical` it is the population variance of the values, which is what
    /// uniform resampling produces.
    public var variance: Double {
        switch self {
        case .exponential(let mean):
            return mean * mean
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return expm1(s2) * exp(2 * mu + s2)
        case .gamma(let shape, let scale):
            return shape * scale * scale
        case .weibull(let shape, let scale):
            let g1 = tgamma(1 + 1 / shape)
            return scale * scale * (tgamma(1 + 2 / shape) - g1 * g1)
        case .pareto(let shape, let scale):
            guard shape > 2 else { return .infinity }
            return scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2))
        case .deterministic:
            return 0
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            let m = self.mean
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        }
    }
}
