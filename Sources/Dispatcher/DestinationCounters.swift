/// Per-destination counters: what Kamailio 5.6 does not export at all.
public struct DestinationCounters: Hashable, Sendable {
    /// Times chosen as the first candidate of a selection.
    public var selected = 0
    /// INVITE attempts sent to it (first tries and failovers).
    public var attempts = 0
    /// Attempts on it that failed and moved on to another candidate.
    public var failedOverFrom = 0
    /// Attempts answered with 2xx.
    public var answered = 0
    /// Attempts it answered with a final non-2xx reply.
    public var rejected = 0
    /// Attempts that got no final reply in time.
    public var timedOut = 0

    public init() {}
}

/// Kamailio's latency estimator (`ds_ping_latency_stats`): Welford mean and
/// deviation, and an exponentially weighted estimate once trained.
public struct LatencyStats: Hashable, Sendable {
    /// Samples taken (jumps to 10000 once trained, as in Kamailio).
    public var count = 0
    /// Mean round-trip time in ms.
    public var average = 0.0
    /// Standard deviation in ms.
    public var deviation = 0.0
    /// The estimate algorithms 11 and 13 read, in ms.
    public var estimate = 0.0
    public var maximum = 0.0
    public var timeouts = 0
    var m2 = 0.0

    public init() {}

    /// Seeded from the `latency` attribute as if trained.
    init(seedMilliseconds ms: Int) {
        self.count = 10_000
        self.average = Double(ms)
        self.estimate = Double(ms)
        self.maximum = Double(ms)
    }

    mutating func add(milliseconds x: Double, alpha: Double) {
        self.count += 1
        let delta = x - self.average
        self.average += delta / Double(self.count)
        self.m2 += delta * (x - self.average)
        self.deviation = self.count > 1 ? (self.m2 / Double(self.count - 1)).squareRoot() : 0
        self.maximum = Swift.max(self.maximum, x)
        if self.count < 10 {
            self.estimate = self.average
        } else {
            self.estimate = alpha * self.estimate + (1 - alpha) * x
        }
        if self.count > 10, self.count < 10_000, self.deviation < 0.5 { self.count = 10_000 }
    }
}
