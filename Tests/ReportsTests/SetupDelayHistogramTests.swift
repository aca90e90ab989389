import Testing
@testable import Reports

@Suite("Setup delay histogram")
struct SetupDelayHistogramTests {
    @Test("quantiles of known values come back within the bucket width (about 1%)")
    func quantiles() {
        var h = SetupDelayHistogram()
        // 1 ms, 2 ms, …, 1000 ms: the p-quantile is p × 1000 ms.
        for ms in 1...1000 { h.record(nanoseconds: Int64(ms) * 1_000_000) }
        for p in [0.5, 0.95, 0.99] {
            let q = h.quantileMilliseconds(p)
            #expect(abs(q - p * 1000) / (p * 1000) < 0.012, "p\(p): \(q)")
        }
        #expect(SetupDelayHistogram().quantileMilliseconds(0.5) == 0)
    }

    @Test("a single value is reported within 1%")
    func single() {
        var h = SetupDelayHistogram()
        h.record(nanoseconds: 100_000_000)
        #expect(abs(h.quantileMilliseconds(0.5) - 100) < 1)
    }
}
