#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-negative random duration in seconds: holding times, answer delays,
/// latencies.
///
/// Variates are drawn in Swift from whatever generator is passed in (normally a
/// `RandomStream`), not through GSL's `gsl_ran_*`: that keeps sampling inlinable,
/// allocation-free and `Sendable`, at tens of millions of samples per second in a
/// release build, and makes the draw sequence ours to keep stable. GSL is used for
/// the exact CDFs (`cdf(_:)`) against which the samplers are tested. The methods:
///
/// - exponential, Weibull, Pareto: inversion, one uniform per sample;
/// - lognormal: `exp(mu + sigma * Z)` with `Z` by Box–Muller, two uniforms;
/// - gamma: Marsaglia and Tsang, "A simple method for generating gamma variables"
///   (ACM TOMS 2000), with the `U^(1/shape)` boost for shape < 1;
/// - empirical: uniform pick among the observed values (a bootstrap resample), one
///   draw, so the sampled mean is the observed mean and repeated values (e.g. a
///   fixed ring time) keep their weight. No interpolation between observations.
///
/// The cases do not check their parameters; use the throwing constructors
/// (`exponential(mean:)`, `lognormal(mean:sd:)`, ...) or `validated()` for values
/// that come from users.
public enum Distribution: Sendable, Hashable {
    /// Exponential with the given mean (seconds): memoryless holding times.
    case exponential(mean: Double)
    /// `exp(N(mu, sigma^2))`; mu and sigma are those of the underlying normal.
    case lognormal(mu: Double, sigma: Double)
    /// Gamma with shape k and scale theta: mean k·theta.
    case gamma(shape: Double, scale: Double)
    /// Weibull with shape k and scale lambda: `P(X > x) = exp(-(x/lambda)^k)`.
    case weibull(shape: Double, scale: Double)
    /// Pareto (type I) with shape a and scale (minimum) b: `P(X > x) = (b/x)^a`, x >= b.
    case pareto(shape: Double, scale: Double)
    /// Always the same value.
    case deterministic(Double)
    /// Resamples the given observations uniformly.
    case empirical([Double])

    /// One sample in seconds.
    @inlinable
    public func sample(using generator: inout some RandomNumberGenerator) -> Double {
        switch self {
        case .exponential(let mean):
            return mean * generator.nextStandardExponential()
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * generator.nextStandardNormal())
        case .gamma(let shape, let scale):
            return scale * Self.standardGamma(shape: shape, using: &generator)
        case .weibull(let shape, let scale):
            return scale * pow(generator.nextStandardExponential(), 1 / shape)
        case .pareto(let shape, let scale):
            return scale * pow(generator.nextOpenUnit(), -1 / shape)
        case .deterministic(let value):
            return value
        case .empirical(let values):
            guard !values.isEmpty else { return 0 }
            return values[generator.nextIndex(below: values.count)]
        }
    }

    /// Marsaglia–Tsang for a gamma variate with unit scale.
    @inlinable
    static func standardGamma(shape: Double, using generator: inout some RandomNumberGenerator) -> Double {
        if shape < 1 {
            // Gamma(a) = Gamma(a + 1) * U^(1/a).
            let boost = pow(generator.nextOpenUnit(), 1 / shape)
            return Self.standardGamma(shape: shape + 1, using: &generator) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = generator.nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenUnit()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
