import Dispatcher
import Workloads

extension Simulation {
    /// Rough time a healthy destination takes to answer an OPTIONS.
    static let probeRoundTrip: Int64 = 5_000_000

    /// The core's timed work: probe timeouts, expiries, and a new ping round
    /// whose probes are answered (or not) as each destination's condition says.
    mutating func wake(now: Int64) {
        if self.scheduledWake == now { self.scheduledWake = nil }
        let probes = self.core.tick(now: Instant(nanoseconds: now))
        let timeout = self.scenario.dispatcher.pingTimeout.nanoseconds
        for probe in probes {
            let s = Int(self.serverBySlot[Int(probe.destination.slot)])
            let condition = self.servers[s].condition(at: now)
            guard !condition.probeLost else { continue }
            let rtt = Self.probeRoundTrip + condition.extraDelay
            guard rtt < timeout else { continue }
            let index: Int32
            if let reuse = self.freeProbes.popLast() {
                index = reuse
                self.probes[Int(reuse)] = probe
            } else {
                index = Int32(self.probes.count)
                self.probes.append(probe)
            }
            self.queue.schedule(
                .probeReply(probe: index, code: Int16(condition.probeCode ?? 200)), at: Instant(nanoseconds: now + rtt),
                lane: .probes)
        }
        self.collectStateChanges()
        self.scheduleWake()
    }

    mutating func probeReplied(_ index: Int32, code: Int, now: Int64) {
        guard let probe = self.probes[Int(index)] else { return }
        self.probes[Int(index)] = nil
        self.freeProbes.append(index)
        self.core.probeReplied(probe, code: code, now: Instant(nanoseconds: now))
        self.collectStateChanges()
        self.scheduleWake()
    }

    /// Queues a wake-up for the core's next timed work unless one is queued at or before it.
    mutating func scheduleWake() {
        guard let next = self.core.nextWakeUp?.nanoseconds, next <= self.end else { return }
        if let scheduled = self.scheduledWake, scheduled <= next { return }
        self.scheduledWake = next
        self.queue.schedule(.wake, at: Instant(nanoseconds: next))
    }

    /// Records the core's state changes for events.csv, inactive time and detection.
    mutating func collectStateChanges() {
        for change in self.core.takeStateChanges() {
            let s = Int(self.serverBySlot[Int(change.destination.slot)])
            self.health.record(change, server: s, name: self.servers[s].model.name)
        }
    }
}
