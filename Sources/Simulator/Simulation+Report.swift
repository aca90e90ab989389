import Dispatcher
import Reports
import Workloads

extension Simulation {
    /// The end of a report interval: one timeseries row per destination.
    mutating func report(now: Int64) {
        let t = Double(now) / 1e9
        for i in self.servers.indices {
            self.timeseries.append(TimeseriesPoint(
                time: t, destination: self.servers[i].model.name, active: self.servers[i].busy,
                attempts: self.servers[i].intervalAttempts, state: self.core.state(of: self.handles[i]).description))
            self.servers[i].intervalAttempts = 0
        }
        let next = now + self.scenario.reportInterval.nanoseconds
        if next <= self.end { self.queue.schedule(.report, at: Instant(nanoseconds: next)) }
    }

    /// Closes the integrals at the end and computes the summary.
    mutating func finish() -> ReplicationReport {
        self.balance.advance(to: self.end)
        self.health.finish(at: self.end)
        let span = Double(Swift.max(1, self.end - self.warmup))
        var destinations: [DestinationMetrics] = []
        let targets = self.targetShares
        let answered = Swift.max(1, self.summary.answered)
        var utilisations: [Double] = []
        for i in self.servers.indices {
            self.servers[i].advance(to: self.end)
            let s = self.servers[i]
            var m = s.metrics
            m.share = Double(m.answered) / Double(answered)
            m.targetShare = targets[i]
            m.meanActive = s.busyArea / span
            m.peakActive = s.peakBusy
            m.utilisation = m.meanActive / Double(Swift.max(1, s.model.capacity))
            m.inactiveSeconds = Double(self.health.inactive[i]) / 1e9
            utilisations.append(m.utilisation)
            destinations.append(m)
        }
        self.summary.setupP50Ms = self.setupDelays.quantileMilliseconds(0.50)
        self.summary.setupP95Ms = self.setupDelays.quantileMilliseconds(0.95)
        self.summary.setupP99Ms = self.setupDelays.quantileMilliseconds(0.99)
        (self.summary.detectSeconds, self.summary.recoverSeconds) = self.health.detection(faults: self.scenario.faults)
        self.summary.peakToMean = self.balance.peakToMean
        self.summary.shareError = self.summary.answered == 0 ? 0
            : destinations.map { abs($0.share - $0.targetShare) }.max() ?? 0
        self.summary.jain = Statistics.jainIndex(utilisations)
        return ReplicationReport(
            algorithm: self.algorithm.name, replication: self.replication, summary: self.summary,
            destinations: destinations, timeseries: self.timeseries, events: self.health.events)
    }

    /// Each destination's fair share of answered calls: by weight when weights are
    /// set, else by capacity.
    var targetShares: [Double] {
        let weights = self.scenario.destinations.map { Double($0.spec.attributes.weight) }
        let basis = weights.contains { $0 > 0 } ? weights : self.scenario.destinations.map { Double($0.capacity) }
        let total = basis.reduce(0, +)
        return basis.map { total > 0 ? $0 / total : 0 }
    }
}
