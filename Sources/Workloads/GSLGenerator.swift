import CGSL

/// GSL's Mersenne Twister (`gsl_rng_mt19937`), owned and freed by this object.
///
/// Why it exists next to `RandomStream`: `RandomStream` is the fast, `Sendable`
/// generator the simulator draws from; this one gives access to GSL's catalogue of
/// variates (`gsl_ran_*`), which serve as an independent reference for our own
/// samplers and as a fallback for distributions we have not written in Swift.
///
/// It is deliberately not `Sendable`: the `gsl_rng *` inside is mutable C state, so
/// one generator belongs to one simulation run (or one actor). It is always seeded
/// explicitly; `gsl_rng_env_setup()` is never called, because reading
/// `GSL_RNG_SEED` from the environment would silently break reproducibility.
public final class GSLGenerator: RandomNumberGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// A generator seeded with the low 32 bits of `seed` (mt19937's seed is 32-bit;
    /// GSL maps seed 0 to its default seed 4357). Nil only if GSL cannot allocate.
    public init?(seed: UInt64) {
        GSL.prepare()
        guard let rng = gsl_rng_alloc(cgsl_rng_type_mt19937()) else { return nil }
        gsl_rng_set(rng, UInt(seed & 0xFFFF_FFFF))
        self.rng = rng
    }

    /// A generator for one purpose in one replication, seeded from the same
    /// derivation as `RandomStream(seed:replication:purpose:index:)`, so GSL draws
    /// also follow common random numbers.
    public convenience init?(seed: UInt64, replication: Int, purpose: StreamPurpose, index: Int = 0) {
        var stream = RandomStream(seed: seed, replication: replication, purpose: purpose, index: index)
        self.init(seed: stream.next())
    }

    deinit {
        gsl_rng_free(self.rng)
    }

    /// 64 random bits from two 32-bit mt19937 outputs (high word first), so the
    /// generic samplers (`Distribution.sample(using:)`) can run on GSL's stream too.
    public func next() -> UInt64 {
        let high = UInt64(gsl_rng_get(self.rng) & 0xFFFF_FFFF)
        let low = UInt64(gsl_rng_get(self.rng) & 0xFFFF_FFFF)
        return high << 32 | low
    }

    /// `gsl_rng_uniform_pos`: uniform in (0, 1), 32-bit resolution.
    public func uniformPositive() -> Double {
        gsl_rng_uniform_pos(self.rng)
    }

    /// `gsl_ran_exponential`.
    public func exponential(mean: Double) -> Double {
        gsl_ran_exponential(self.rng, mean)
    }

    /// `gsl_ran_lognormal`: `exp(N(mu, sigma^2))`.
    public func lognormal(mu: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(self.rng, mu, sigma)
    }

    /// `gsl_ran_gamma` (Marsaglia–Tsang in GSL too).
    public func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(self.rng, shape, scale)
    }

    /// `gsl_ran_weibull`; note GSL's argument order is (scale, shape).
    public func weibull(shape: Double, scale: Double) -> Double {
        gsl_ran_weibull(self.rng, scale, shape)
    }

    /// `gsl_ran_pareto`: density `(a/b) / (x/b)^(a+1)` for `x >= b`.
    public func pareto(shape: Double, scale: Double) -> Double {
        gsl_ran_pareto(self.rng, shape, scale)
    }

    /// `gsl_ran_poisson`: a Poisson count with the given mean.
    public func poisson(mean: Double) -> Int {
        Int(gsl_ran_poisson(self.rng, mean))
    }
}
