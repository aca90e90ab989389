import CGSL

/// Summary statistics across replications, and balance figures.
///
/// Results are reported as a mean with a 95% confidence half-width across
/// independent replications (the batch of replications is small, so Student's t,
/// not the normal, gives the interval: Law, "Simulation Modeling and Analysis",
/// ch. 9). Undefined results (too few values) are NaN, which CSV prints empty.
public enum Statistics {
    /// The arithmetic mean; NaN for no values.
    public static func mean(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        var stats = RunningStats()
        for v in values { stats.add(v) }
        return stats.mean
    }

    /// The sample variance (n − 1 denominator), by Welford's stable update; NaN
    /// for fewer than two values.
    public static func sampleVariance(_ values: [Double]) -> Double {
        var stats = RunningStats()
        for v in values { stats.add(v) }
        return stats.sampleVariance
    }

    /// Student's t quantile `t_{p, df}` from GSL (`gsl_cdf_tdist_Pinv`); NaN when
    /// `df < 1` or `p` is not in (0, 1).
    public static func tQuantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
        guard df >= 1, p > 0, p < 1 else { return .nan }
        GSLSetup.prepare()
        return gsl_cdf_tdist_Pinv(p, Double(df))
    }

    /// The half-width of the two-sided confidence interval for the mean:
    /// `t_{(1+level)/2, n−1} · s / √n`. NaN for fewer than two values.
    public static func confidenceHalfWidth(_ values: [Double], level: Double = 0.95) -> Double {
        guard values.count >= 2, level > 0, level < 1 else { return .nan }
        let n = Double(values.count)
        let t = Self.tQuantile((1 + level) / 2, degreesOfFreedom: values.count - 1)
        return t * (Self.sampleVariance(values) / n).squareRoot()
    }

    /// Mean and 95% half-width together, as `summary.csv` reports them.
    public static func summary(_ values: [Double], level: Double = 0.95) -> MeanWithConfidence {
        MeanWithConfidence(
            mean: Self.mean(values),
            halfWidth: Self.confidenceHalfWidth(values, level: level),
            count: values.count
        )
    }

    /// Jain's fairness index `(Σx)² / (n·Σx²)` (Jain, Chiu and Hawe, DEC-TR-301,
    /// 1984): 1 when all shares are equal, 1/n when one destination takes
    /// everything. Shares should be normalised by each destination's target (e.g.
    /// load / weight) so that a weighted policy doing its job scores 1. Returns 1
    /// for all-zero shares (nothing to be unfair about) and NaN for no shares.
    public static func jainIndex(_ shares: [Double]) -> Double {
        guard !shares.isEmpty else { return .nan }
        var sum = 0.0
        var sumOfSquares = 0.0
        for x in shares {
            sum += x
            sumOfSquares += x * x
        }
        guard sumOfSquares > 0 else { return 1 }
        return sum * sum / (Double(shares.count) * sumOfSquares)
    }
}

/// A mean with the half-width of its confidence interval and the number of
/// replications behind it.
public struct MeanWithConfidence: Sendable, Hashable {
    /// The mean across replications; NaN for none.
    public var mean: Double
    /// NaN when there were fewer than two replications.
    public var halfWidth: Double
    /// How many replications.
    public var count: Int

    public init(mean: Double, halfWidth: Double, count: Int) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.count = count
    }

    /// Whether `value` lies within the interval: what a test of the simulator
    /// against an exact queueing result checks.
    public func contains(_ value: Double) -> Bool {
        abs(value - self.mean) <= self.halfWidth
    }
}
