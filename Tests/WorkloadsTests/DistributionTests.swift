import Testing
import Workloads

@Suite("Distributions")
struct DistributionTests {
    static let n = 200_000

    /// Distributions whose fourth moment is finite and modest, so a 200k-sample
    /// variance is within a few percent. Tolerances: 5 standard errors for the mean,
    /// a relative tolerance for the variance sized to each distribution's kurtosis.
    static let cases: [(Distribution, varianceTolerance: Double)] = [
        (.exponential(mean: 180), 0.03),
        (.lognormal(mu: 1, sigma: 0.5), 0.04),
        (.gamma(shape: 2.5, scale: 40), 0.03),
        (.gamma(shape: 0.4, scale: 10), 0.05),
        (.weibull(shape: 1.5, scale: 120), 0.03),
        (.weibull(shape: 0.8, scale: 60), 0.06),
        (.pareto(shape: 6, scale: 30), 0.08),
        (.empirical([1, 2, 2, 3, 10]), 0.02),
    ]

    @Test("Sample means and variances match the analytic moments", arguments: 0..<8)
    func moments(caseIndex: Int) {
        let (distribution, varianceTolerance) = Self.cases[caseIndex]
        let (mean, variance) = sampleMoments(distribution, n: Self.n)
        let standardError = (distribution.variance / Double(Self.n)).squareRoot()
        #expect(close(mean, distribution.mean, within: 5 * standardError), "\(distribution): mean \(mean) vs \(distribution.mean)")
        #expect(close(variance / distribution.variance, 1, within: varianceTolerance), "\(distribution): variance \(variance) vs \(distribution.variance)")
    }

    @Test("Analytic means are the textbook ones")
    func analyticMeans() {
        #expect(Distribution.exponential(mean: 3).mean == 3)
        #expect(close(Distribution.lognormal(mu: 0, sigma: 1).mean, 1.6487212707001282, within: 1e-12))
        #expect(Distribution.gamma(shape: 2, scale: 3).mean == 6)
        #expect(close(Distribution.weibull(shape: 1, scale: 5).mean, 5, within: 1e-12))
        #expect(Distribution.pareto(shape: 3, scale: 2).mean == 3)
        #expect(Distribution.pareto(shape: 1, scale: 2).mean == .infinity)
        #expect(Distribution.deterministic(4).mean == 4)
        #expect(Distribution.empirical([1, 2, 6]).mean == 3)
    }

    @Test("Exponential, lognormal, gamma, Weibull and Pareto samples pass Kolmogorov–Smirnov against GSL's CDFs", arguments: [
        Distribution.exponential(mean: 2),
        .lognormal(mu: -1, sigma: 1.2),
        .gamma(shape: 0.5, scale: 3),
        .gamma(shape: 7, scale: 0.5),
        .weibull(shape: 2, scale: 10),
        .pareto(shape: 1.5, scale: 1),
    ])
    func kolmogorovSmirnovAgainstGSL(distribution: Distribution) {
        let n = 50_000
        var rng = RandomStream(seed: 2024, replication: 1, purpose: .holding)
        let samples = (0..<n).map { _ in distribution.sample(using: &rng) }
        let d = kolmogorovSmirnov(samples, cdf: distribution.cdf)
        #expect(d < ksCritical(n), "\(distribution): D = \(d)")
    }

    @Test("A sampler that is off by 5% fails the same KS test (the test has power)")
    func kolmogorovSmirnovHasPower() {
        let n = 50_000
        var rng = RandomStream(seed: 2024, replication: 1, purpose: .holding)
        let samples = (0..<n).map { _ in Distribution.exponential(mean: 2.1).sample(using: &rng) }
        #expect(kolmogorovSmirnov(samples, cdf: Distribution.exponential(mean: 2).cdf) > ksCritical(n))
    }

    @Test("GSL's CDFs agree with closed forms")
    func cdfClosedForms() {
        #expect(close(Distribution.exponential(mean: 2).cdf(2), 1 - 0.36787944117144233, within: 1e-12))
        #expect(close(Distribution.lognormal(mu: 1, sigma: 0.5).cdf(2.718281828459045), 0.5, within: 1e-12))
        #expect(close(Distribution.weibull(shape: 2, scale: 10).cdf(10), 1 - 0.36787944117144233, within: 1e-12))
        #expect(close(Distribution.pareto(shape: 2, scale: 1).cdf(2), 0.75, within: 1e-12))
        #expect(Distribution.pareto(shape: 2, scale: 1).cdf(0.5) == 0)
        #expect(Distribution.deterministic(3).cdf(2.9) == 0)
        #expect(Distribution.deterministic(3).cdf(3) == 1)
        #expect(Distribution.empirical([1, 2, 3, 4]).cdf(2.5) == 0.5)
        #expect(Distribution.exponential(mean: 2).cdf(-1) == 0)
    }

    @Test("A lognormal built from (median, p95) reproduces both, exactly and in samples")
    func lognormalFromMedianAndP95() throws {
        let d = try Distribution.lognormal(median: 0.080, p95: 0.250)
        #expect(close(d.cdf(0.080), 0.5, within: 1e-12))
        #expect(close(d.cdf(0.250), 0.95, within: 1e-9))
        var rng = RandomStream(seed: 8, replication: 0, purpose: .answerDelay)
        let samples = (0..<Self.n).map { _ in d.sample(using: &rng) }.sorted()
        #expect(close(samples[Self.n / 2], 0.080, within: 0.080 * 0.01))
        #expect(close(samples[Self.n * 95 / 100], 0.250, within: 0.250 * 0.02))
    }

    @Test("A lognormal built from (mean, sd) has that mean and standard deviation")
    func lognormalFromMeanAndSD() throws {
        let d = try Distribution.lognormal(mean: 120, sd: 90)
        #expect(close(d.mean, 120, within: 1e-9))
        #expect(close(d.variance.squareRoot(), 90, within: 1e-9))
        let (mean, variance) = sampleMoments(d, n: Self.n)
        #expect(close(mean, 120, within: 5 * 90 / Double(Self.n).squareRoot()))
        #expect(close(variance.squareRoot(), 90, within: 90 * 0.03))
    }

    @Test("Deterministic always returns its value; empirical only returns observed values")
    func degenerateCases() {
        var rng = RandomStream(seed: 1)
        for _ in 0..<100 {
            #expect(Distribution.deterministic(2.5).sample(using: &rng) == 2.5)
            #expect([0.5, 7].contains(Distribution.empirical([0.5, 7]).sample(using: &rng)))
        }
    }

    @Test("Impossible parameters are refused with a message naming the parameter")
    func validation() {
        let cases: [(WorkloadError?, String)] = [
            (failure { try Distribution.exponential(mean: -1).validated() }, "exponential mean"),
            (failure { try Distribution.exponential(mean: 0).validated() }, "exponential mean"),
            (failure { try Distribution.lognormal(mean: -5, sd: 1) }, "lognormal mean"),
            (failure { try Distribution.lognormal(mean: 5, sd: 0) }, "standard deviation"),
            (failure { try Distribution.lognormal(median: 2, p95: 2) }, "95th percentile"),
            (failure { try Distribution.lognormal(median: 0, p95: 2) }, "median"),
            (failure { try Distribution.lognormal(mu: 0, sigma: -1).validated() }, "lognormal sigma"),
            (failure { try Distribution.gamma(shape: 0, scale: 1).validated() }, "gamma shape"),
            (failure { try Distribution.gamma(shape: 1, scale: .nan).validated() }, "gamma scale"),
            (failure { try Distribution.weibull(shape: -2, scale: 1).validated() }, "Weibull shape"),
            (failure { try Distribution.pareto(shape: 2, scale: 0).validated() }, "Pareto scale"),
            (failure { try Distribution.deterministic(-1).validated() }, "non-negative"),
            (failure { try Distribution.empirical([]).validated() }, "at least one"),
            (failure { try Distribution.empirical([1, -2]).validated() }, "position 2"),
        ]
        for (error, fragment) in cases {
            #expect(error?.message.contains(fragment) == true, "expected an error mentioning '\(fragment)', got \(String(describing: error))")
        }
        #expect(failure { try Distribution.pareto(shape: 0.9, scale: 1).validated() } == nil)
    }
}
