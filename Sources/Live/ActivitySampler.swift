import Dispatcher
import Reports

/// Samples each destination's active calls and state once per interval: the
/// live run's timeseries.csv rows, and the averages and peaks of destinations.csv.
struct ActivitySampler: Sendable {
    var points: [TimeseriesPoint] = []
    var area: [DestinationKey: Double] = [:]
    var peak: [DestinationKey: Int] = [:]
    var lastAttempts: [DestinationKey: Int] = [:]
    var samples = 0
    var startedAt: Instant?

    mutating func sample(_ dispatcher: Dispatcher, now: Instant) {
        let start = self.startedAt ?? now
        self.startedAt = start
        self.samples += 1
        for status in dispatcher.status() {
            let key = status.key
            self.area[key, default: 0] += Double(status.activeCalls)
            self.peak[key] = Swift.max(self.peak[key] ?? 0, status.activeCalls)
            let attempts = status.counters.attempts - (self.lastAttempts[key] ?? 0)
            self.lastAttempts[key] = status.counters.attempts
            self.points.append(TimeseriesPoint(
                time: (now - start).seconds, destination: status.uri, active: status.activeCalls,
                attempts: attempts, state: status.flags.description))
        }
    }

    func meanActive(_ key: DestinationKey) -> Double {
        self.samples == 0 ? 0 : (self.area[key] ?? 0) / Double(self.samples)
    }
}

/// The live run in the offline report schema: one `live` replication.
enum LiveReport {
    static func make(core: ProxyCore, sampler: ActivitySampler, events: [StateEvent], algorithm: String) -> RunReport {
        let statuses = core.dispatcher.status()
        let answeredTotal = Swift.max(1, statuses.reduce(0) { $0 + $1.counters.answered })
        let weights = statuses.map { Double($0.attributes.weight) }
        let basis = weights.contains { $0 > 0 } ? weights : statuses.map { Double($0.attributes.capacity ?? 1) }
        let basisTotal = basis.reduce(0, +)
        var destinations: [DestinationMetrics] = []
        for (i, s) in statuses.enumerated() {
            var m = DestinationMetrics(name: s.uri)
            m.attempts = s.counters.attempts
            m.answered = s.counters.answered
            m.rejected = s.counters.rejected
            m.timeouts = s.counters.timedOut
            m.share = Double(s.counters.answered) / Double(answeredTotal)
            m.targetShare = basisTotal > 0 ? basis[i] / basisTotal : 0
            m.meanActive = sampler.meanActive(s.key)
            m.peakActive = sampler.peak[s.key] ?? 0
            // Without a declared capacity (or maxload) utilisation is unknown: an empty field.
            let capacity = s.attributes.capacity ?? (s.attributes.maxload > 0 ? s.attributes.maxload : nil)
            m.utilisation = capacity.map { m.meanActive / Double($0) } ?? .nan
            m.inactiveSeconds = Self.inactiveSeconds(s.uri, events: events, end: sampler.points.last?.time ?? 0)
            destinations.append(m)
        }
        var summary = SummaryMetrics()
        summary.offered = core.stats.offered
        summary.answered = core.stats.answered
        summary.blocked = core.stats.blocked
        summary.failedOver = core.stats.failedOver
        summary.attempts = statuses.reduce(0) { $0 + $1.counters.attempts }
        summary.setupP50Ms = core.stats.setupDelays.quantileMilliseconds(0.5)
        summary.setupP95Ms = core.stats.setupDelays.quantileMilliseconds(0.95)
        summary.setupP99Ms = core.stats.setupDelays.quantileMilliseconds(0.99)
        summary.shareError = destinations.map { abs($0.share - $0.targetShare) }.max() ?? 0
        // Fairness of utilisation when capacities are known, else of the loads themselves.
        let utilisations = destinations.map(\.utilisation)
        summary.jain = Statistics.jainIndex(utilisations.contains { $0.isNaN } ? destinations.map(\.meanActive) : utilisations)
        let means = destinations.map(\.meanActive)
        let mean = means.reduce(0, +) / Double(Swift.max(1, means.count))
        summary.peakToMean = mean > 0 ? (means.max() ?? 0) / mean : 0
        return RunReport(
            scenario: "live", seed: 0, destinations: statuses.map(\.uri),
            replications: [ReplicationReport(
                algorithm: algorithm, replication: 1, summary: summary, destinations: destinations,
                timeseries: sampler.points, events: events)])
    }

    /// Seconds out of service, from the down and up events.
    static func inactiveSeconds(_ uri: String, events: [StateEvent], end: Double) -> Double {
        var total = 0.0
        var since: Double?
        for e in events where e.destination == uri {
            let down = e.to.hasPrefix("I") || e.to.hasPrefix("D")
            if down, since == nil { since = e.time }
            if !down, let s = since {
                total += e.time - s
                since = nil
            }
        }
        if let s = since { total += Swift.max(0, end - s) }
        return total
    }
}
