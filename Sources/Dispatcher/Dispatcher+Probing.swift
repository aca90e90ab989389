/// A keepalive the driver must send now: an OPTIONS to `uri` (R-URI and To),
/// From `pingFrom`, through `outboundProxy` when set.
public struct ProbeRequest: Hashable, Sendable {
    public var id: UInt64
    public var destination: DestinationHandle
    public var uri: String
    public var pingFrom: String?
    public var outboundProxy: String?
    public var sentAt: Instant
}

extension Dispatcher {
    /// The next time `tick` has work: a ping round, a probe deadline, a call-expiry
    /// sweep or a passive reinstatement. Ask again after every input.
    public var nextWakeUp: Instant? {
        var next = self.nextPingAt
        func consider(_ t: Instant) { next = next.map { Swift.min($0, t) } ?? t }
        if !self.calls.isEmpty { consider(self.nextCallCheckAt) }
        let timeout = self.configuration.pingTimeout
        let reinstate = self.configuration.passive.reinstateAfter
        for d in self.destinations where !d.removed {
            if let p = d.pendingProbe { consider(p.sentAt + timeout) }
            if let e = d.ejectedAt, !self.isProbed(d.flags) { consider(e + reinstate) }
        }
        return next
    }

    /// Moves time forward: fails probes past their timeout, starts a ping round
    /// when one is due, expires stale calls and reinstates passively ejected
    /// destinations that nothing probes. Returns the probes to send now.
    public mutating func tick(now: Instant) -> [ProbeRequest] {
        let timeout = self.configuration.pingTimeout
        for i in self.destinations.indices where !self.destinations[i].removed {
            if let p = self.destinations[i].pendingProbe, now >= p.sentAt + timeout {
                self.destinations[i].pendingProbe = nil
                self.destinations[i].latency.timeouts += 1
                self.applyProbeResult(UInt32(i), code: 408, cause: .probeTimeout, now: now)
            }
            if let e = self.destinations[i].ejectedAt, !self.isProbed(self.destinations[i].flags),
               now >= e + self.configuration.passive.reinstateAfter {
                self.destinations[i].ejectedAt = nil
                self.setFlags(UInt32(i), to: [], cause: .reinstated, now: now)
            }
        }
        if now >= self.nextCallCheckAt {
            self.expireCalls(now: now)
            while self.nextCallCheckAt <= now { self.nextCallCheckAt = self.nextCallCheckAt + self.configuration.callCheckInterval }
        }
        guard let due = self.nextPingAt, now >= due else { return [] }
        var next = due
        while next <= now { next = next + self.configuration.pingInterval }
        self.nextPingAt = next
        var probes: [ProbeRequest] = []
        for set in self.sets {
            for slot in set.members {
                let i = Int(slot)
                guard self.isProbed(self.destinations[i].flags), self.destinations[i].pendingProbe == nil else { continue }
                let id = self.nextProbeID
                self.nextProbeID += 1
                self.destinations[i].pendingProbe = (id, now)
                let attrs = self.destinations[i].spec.attributes
                probes.append(ProbeRequest(
                    id: id, destination: DestinationHandle(slot: slot), uri: self.destinations[i].spec.uri,
                    pingFrom: attrs.pingFrom, outboundProxy: attrs.obproxy, sentAt: now))
            }
        }
        return probes
    }

    /// A reply to a probe arrived. Replies to probes that already timed out (or
    /// that the core never sent) are ignored, as TM drops them.
    public mutating func probeReplied(_ probe: ProbeRequest, code: Int, now: Instant) {
        let i = Int(probe.destination.slot)
        guard i < self.destinations.count, let pending = self.destinations[i].pendingProbe,
              pending.id == probe.id else { return }
        self.destinations[i].pendingProbe = nil
        if self.configuration.pingLatencyStats, code < 300 || self.configuration.pingReplyCodes.countsAsUp(code) {
            let alpha = Double(self.configuration.latencyEstimatorAlpha) / 1000
            self.destinations[i].latency.add(milliseconds: (now - pending.sentAt).milliseconds, alpha: alpha)
        }
        self.applyProbeResult(probe.destination.slot, code: code, cause: .probeReply(code: code), now: now)
    }

    /// A call's setup latency, for algorithm 13 when probes do not measure it.
    public mutating func latencySample(_ destination: DestinationHandle, _ span: TimeSpan) {
        let alpha = Double(self.configuration.latencyEstimatorAlpha) / 1000
        self.destinations[Int(destination.slot)].latency.add(milliseconds: span.milliseconds, alpha: alpha)
    }

    /// Which destinations `ds_probing_mode` pings; never disabled ones.
    func isProbed(_ flags: StateFlags) -> Bool {
        guard self.configuration.pingInterval > .zero, !flags.contains(.disabled) else { return false }
        switch self.configuration.probingMode {
        case .all: return true
        case .flagged, .onlyFlagged: return flags.contains(.probing)
        case .inactiveOnly: return flags.contains(.probing) && flags.contains(.inactive)
        }
    }

    /// `ds_options_callback`: up (2xx or a configured code) asks for state 0, else
    /// T; the P bit follows the probing mode. Disabled destinations are left alone.
    mutating func applyProbeResult(_ slot: UInt32, code: Int, cause: StateChangeCause, now: Instant) {
        let flags = self.destinations[Int(slot)].flags
        guard !flags.contains(.disabled) else { return }
        let mode = self.configuration.probingMode
        var target: StateFlags
        if self.configuration.pingReplyCodes.countsAsUp(code) {
            target = []
            if mode == .all || (mode == .onlyFlagged && flags.contains(.probing)) { target.insert(.probing) }
        } else {
            target = .trying
            if mode != .flagged { target.insert(.probing) }
        }
        self.updateState(slot, target: target, cause: cause, now: now)
    }
}
