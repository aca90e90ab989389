import Testing
import Reports

@Suite("Statistics")
struct StatisticsTests {
    @Test("Student's t quantile for 10 replications (9 df) is 2.262157")
    func tQuantile() {
        #expect(abs(Statistics.tQuantile(0.975, degreesOfFreedom: 9) - 2.262157) < 1e-6)
        #expect(abs(Statistics.tQuantile(0.975, degreesOfFreedom: 1) - 12.706205) < 1e-6)
        #expect(abs(Statistics.tQuantile(0.975, degreesOfFreedom: 1_000_000) - 1.959966) < 1e-5)
        #expect(Statistics.tQuantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(Statistics.tQuantile(1.5, degreesOfFreedom: 3).isNaN)
    }

    @Test("Mean, sample variance and the 95% half-width of ten replications")
    func replicationSummary() {
        let values: [Double] = [0.21, 0.19, 0.23, 0.20, 0.22, 0.18, 0.24, 0.21, 0.20, 0.22]
        #expect(abs(Statistics.mean(values) - 0.21) < 1e-12)
        // Σ(x − 0.21)² = 0.0030, over 9.
        #expect(abs(Statistics.sampleVariance(values) - 0.003 / 9) < 1e-12)
        let halfWidth = 2.262157 * (0.003 / 9 / 10).squareRoot()
        #expect(abs(Statistics.confidenceHalfWidth(values) - halfWidth) < 1e-8)
        let summary = Statistics.summary(values)
        #expect(summary.count == 10)
        #expect(summary.contains(0.22))
        #expect(!summary.contains(0.25))
    }

    @Test("Too few values give NaN, which CSV writes as an empty field")
    func undefined() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.sampleVariance([4]).isNaN)
        #expect(Statistics.confidenceHalfWidth([4]).isNaN)
    }

    @Test("Jain's index is 1 for equal shares, 1/n for one hog, and in between otherwise")
    func jain() {
        #expect(Statistics.jainIndex([5, 5, 5, 5]) == 1)
        #expect(Statistics.jainIndex([0.25, 0.25, 0.25, 0.25]) == 1)
        #expect(Statistics.jainIndex([1, 0, 0, 0]) == 0.25)
        // (1+2+3)² / (3·(1+4+9)) = 36/42.
        #expect(abs(Statistics.jainIndex([1, 2, 3]) - 36.0 / 42) < 1e-15)
        #expect(Statistics.jainIndex([0, 0]) == 1)
        #expect(Statistics.jainIndex([]).isNaN)
    }

    @Test("Welford running stats match a two-pass computation and survive a large offset")
    func runningStats() {
        var stats = RunningStats()
        #expect(stats.count == 0)
        #expect(stats.sampleVariance.isNaN)
        let values = (0..<1000).map { 1e9 + Double($0 % 7) }
        for v in values { stats.add(v) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(stats.count == 1000)
        #expect(abs(stats.mean - mean) < 1e-6)
        #expect(abs(stats.sampleVariance - variance) < 1e-6)
        #expect(stats.minimum == 1e9)
        #expect(stats.maximum == 1e9 + 6)
    }

    @Test("Merging two running stats equals adding all values to one")
    func merge() {
        var all = RunningStats()
        var left = RunningStats()
        var right = RunningStats()
        for i in 0..<500 {
            let x = Double(i * i % 97) / 7
            all.add(x)
            if i < 123 { left.add(x) } else { right.add(x) }
        }
        var merged = left
        merged.merge(right)
        #expect(merged.count == all.count)
        #expect(abs(merged.mean - all.mean) < 1e-12)
        #expect(abs(merged.sampleVariance - all.sampleVariance) < 1e-10)
        #expect(merged.minimum == all.minimum && merged.maximum == all.maximum)
        var empty = RunningStats()
        empty.merge(all)
        #expect(empty == all)
    }
}
