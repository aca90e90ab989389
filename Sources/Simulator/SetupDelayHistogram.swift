import Foundation

/// Setup delays in fixed memory: log-spaced buckets about 1% wide from 1 µs to
/// about 20 minutes, so percentiles stay within 1% whatever the number of calls.
struct SetupDelayHistogram {
    private static let perOctave = 70.0
    private static let bucketCount = 2_100
    private var counts = [UInt64](repeating: 0, count: SetupDelayHistogram.bucketCount)
    private(set) var total: UInt64 = 0

    mutating func record(nanoseconds: Int64) {
        let us = Double(Swift.max(nanoseconds, 1_000)) / 1_000
        self.counts[Swift.min(Self.bucketCount - 1, Int(log2(us) * Self.perOctave))] += 1
        self.total += 1
    }

    /// The `p`-quantile (0–1) in milliseconds, at its bucket's geometric middle; 0 when empty.
    func quantileMilliseconds(_ p: Double) -> Double {
        guard self.total > 0 else { return 0 }
        let rank = Swift.max(1, UInt64((p * Double(self.total)).rounded(.up)))
        var seen: UInt64 = 0
        for (i, n) in self.counts.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return pow(2, (Double(i) + 0.5) / Self.perOctave) / 1_000 }
        }
        return 0
    }
}
