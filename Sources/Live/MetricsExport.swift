import Dispatcher

/// Pushes the proxy's counts into the Prometheus metrics once per sample: the
/// core keeps plain counters (it is a value, with no metrics system inside), and
/// this turns their growth since the last sample into counter increments.
struct MetricsExport {
    private var last = Traffic()
    private var lastStats = LiveStats()
    private var lastMalformed = 0
    private var lastFailovers: [String: Int] = [:]
    private var lastTimeouts: [String: Int] = [:]

    mutating func export(_ core: ProxyCore, to metrics: ProxyMetrics) {
        let t = core.traffic
        Self.add(t.requests - self.last.requests) { metrics.received(kind: .request, count: $0) }
        Self.add(t.responses - self.last.responses) { metrics.received(kind: .response, count: $0) }
        Self.add(t.probeReplies - self.last.probeReplies) { metrics.probe(result: .ok, count: $0) }
        Self.add(t.probeFailures - self.last.probeFailures) { metrics.probe(result: .fail, count: $0) }
        Self.add(t.rejected503 - self.last.rejected503) { metrics.call(outcome: .rejected503, count: $0) }
        for (method, count) in t.forwarded {
            Self.add(count - (self.last.forwarded[method] ?? 0)) { metrics.forwarded(method: method, count: $0) }
        }
        Self.add(core.malformed - self.lastMalformed) { metrics.malformed(count: $0) }
        Self.add(core.stats.answered - self.lastStats.answered) { metrics.call(outcome: .answered, count: $0) }
        let failed = (core.stats.blocked - t.rejected503) - (self.lastStats.blocked - self.last.rejected503)
        Self.add(failed) { metrics.call(outcome: .failed, count: $0) }
        for status in core.dispatcher.status() {
            let name = status.uri
            Self.add(status.counters.failedOverFrom - (self.lastFailovers[name] ?? 0)) { metrics.failover(from: name, count: $0) }
            Self.add(status.latency.timeouts - (self.lastTimeouts[name] ?? 0)) { metrics.probe(result: .timeout, count: $0) }
            self.lastFailovers[name] = status.counters.failedOverFrom
            self.lastTimeouts[name] = status.latency.timeouts
            metrics.destinationState(name, state: status.flags)
            metrics.activeCalls(name, count: status.activeCalls)
        }
        metrics.transactions(count: core.activeTransactions)
        self.last = t
        self.lastStats = core.stats
        self.lastMalformed = core.malformed
    }

    /// Counters only grow: a count that went down (a destination removed and added
    /// again starts from zero) adds nothing.
    private static func add(_ n: Int, _ increment: (Int) -> Void) {
        guard n > 0 else { return }
        increment(n)
    }
}
