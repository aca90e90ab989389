import Foundation

/// Setup delays (simulated or live) in fixed memory: 64 buckets per power of two (about 1.1% wide)
/// over nanoseconds, so percentiles stay within about 1% whatever the number of
/// calls. The bucket comes from the bits of the value, not from a logarithm.
public struct SetupDelayHistogram: Sendable {
    private static let subBits = 6
    private var counts = [UInt64](repeating: 0, count: 64 << SetupDelayHistogram.subBits)
    public private(set) var total: UInt64 = 0

    public init() {}

    @inline(__always)
    private static func bucket(_ nanoseconds: Int64) -> Int {
        let v = UInt64(Swift.max(1, nanoseconds))
        let octave = 63 - v.leadingZeroBitCount
        guard octave >= Self.subBits else { return Int(v) }  // exact below 64 ns
        let sub = Int((v >> UInt64(octave - Self.subBits)) & ((1 << Self.subBits) - 1))
        return ((octave - Self.subBits + 1) << Self.subBits) | sub
    }

    /// The smallest value that falls in `bucket`.
    private static func lowerBound(_ bucket: Int) -> Double {
        let octave = (bucket >> Self.subBits) + Self.subBits - 1
        guard octave >= Self.subBits else { return Double(bucket) }
        let sub = bucket & ((1 << Self.subBits) - 1)
        return Double((UInt64(1) << UInt64(octave)) | (UInt64(sub) << UInt64(octave - Self.subBits)))
    }

    public mutating func record(nanoseconds: Int64) {
        self.counts[Self.bucket(nanoseconds)] += 1
        self.total += 1
    }

    /// The `p`-quantile (0–1) in milliseconds, at its bucket's midpoint; 0 when empty.
    public func quantileMilliseconds(_ p: Double) -> Double {
        guard self.total > 0 else { return 0 }
        let rank = Swift.max(1, UInt64((p * Double(self.total)).rounded(.up)))
        var seen: UInt64 = 0
        for (i, n) in self.counts.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return (Self.lowerBound(i) + Self.lowerBound(i + 1)) / 2 / 1e6 }
        }
        return 0
    }
}
