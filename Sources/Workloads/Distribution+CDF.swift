import CGSL

/// Exact distribution functions from GSL (`gsl_cdf_*_P`): the reference the Swift
/// samplers are checked against (Kolmogorov–Smirnov tests), and what reports use
/// to say how likely an observed duration is.
extension Distribution {
    /// `P(X <= x)`.
    public func cdf(_ x: Double) -> Double {
        GSL.prepare()
        switch self {
        case .exponential(let mean):
            return x <= 0 ? 0 : gsl_cdf_exponential_P(x, mean)
        case .lognormal(let mu, let sigma):
            return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case .gamma(let shape, let scale):
            return x <= 0 ? 0 : gsl_cdf_gamma_P(x, shape, scale)
        case .weibull(let shape, let scale):
            return x <= 0 ? 0 : gsl_cdf_weibull_P(x, scale, shape)
        case .pareto(let shape, let scale):
            return x < scale ? 0 : gsl_cdf_pareto_P(x, shape, scale)
        case .deterministic(let value):
            return x < value ? 0 : 1
        case .empirical(let values):
            guard !values.isEmpty else { return x < 0 ? 0 : 1 }
            return Double(values.count(where: { $0 <= x })) / Double(values.count)
        }
    }
}
