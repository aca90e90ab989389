import Testing
import Workloads

/// Mean and variance of `n` samples of `distribution` from a fixed stream.
func sampleMoments(_ distribution: Distribution, n: Int, seed: UInt64 = 20_240_601) -> (mean: Double, variance: Double) {
    var rng = RandomStream(seed: seed, replication: 0, purpose: .holding)
    var mean = 0.0
    var m2 = 0.0
    for i in 1...n {
        let x = distribution.sample(using: &rng)
        let delta = x - mean
        mean += delta / Double(i)
        m2 += delta * (x - mean)
    }
    return (mean, m2 / Double(n - 1))
}

/// The Kolmogorov–Smirnov statistic `sup |F_n(x) − F(x)|` of sorted samples
/// against an exact CDF.
func kolmogorovSmirnov(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
    }
    return d
}

/// The KS critical value at significance 0.001 (asymptotic: 1.9495 / √n).
func ksCritical(_ n: Int) -> Double {
    1.9495 / Double(n).squareRoot()
}

/// `|a − b| <= tolerance`.
func close(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    abs(a - b) <= tolerance
}

/// The `WorkloadError` that `body` throws, or nil if it returns. Any other error
/// is recorded as a test failure.
func failure<T>(_ body: () throws -> T) -> WorkloadError? {
    do {
        _ = try body()
        return nil
    } catch let error as WorkloadError {
        return error
    } catch {
        Issue.record("expected a WorkloadError, got \(error)")
        return nil
    }
}
