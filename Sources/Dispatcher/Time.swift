/// A point in time, in nanoseconds, as the driver counts it.
///
/// The core never reads a clock: the simulator passes virtual time and live mode
/// passes a monotonic clock reading. Both are plain integer nanoseconds so that a
/// simulated run is exact and reproducible.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The origin of a run.
    public static let zero = Instant(nanoseconds: 0)

    @inlinable public static func < (a: Instant, b: Instant) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: Instant, b: TimeSpan) -> Instant { Instant(nanoseconds: a.nanoseconds &+ b.nanoseconds) }
    @inlinable public static func - (a: Instant, b: Instant) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds &- b.nanoseconds) }

    /// Seconds since the origin, for reports.
    public var seconds: Double { Double(self.nanoseconds) / 1e9 }
    public var description: String { "\(self.seconds)s" }
}

/// A length of time in nanoseconds (ping intervals, timeouts, windows).
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = TimeSpan(nanoseconds: 0)
    @inlinable public static func seconds(_ s: Double) -> TimeSpan { TimeSpan(nanoseconds: Int64((s * 1e9).rounded())) }
    @inlinable public static func milliseconds(_ ms: Int64) -> TimeSpan { TimeSpan(nanoseconds: ms * 1_000_000) }
    @inlinable public static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: TimeSpan, b: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds &+ b.nanoseconds) }
    @inlinable public static func * (a: TimeSpan, k: Int64) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds &* k) }

    public var seconds: Double { Double(self.nanoseconds) / 1e9 }
    public var milliseconds: Double { Double(self.nanoseconds) / 1e6 }
    public var description: String { "\(self.seconds)s" }
}
