import Dispatcher
import SIP

extension ProxyCore {
    /// Requests outside an INVITE transaction: in-dialog requests (ACK for 2xx,
    /// BYE, re-INVITE…) follow their Route set; OPTIONS to the proxy itself gets
    /// 200; other initial requests go to the dispatcher's choice without failover.
    mutating func forwardInDialog(_ message: SIPMessage, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        var request = message
        guard case .forward = (try? request.decrementMaxForwards()) ?? .tooManyHops else {
            if message.method != "ACK" {
                out.append(.send(SIPReplies.response(to: message, code: 483, reason: "Too Many Hops"), to: source))
            }
            return
        }
        // Our own Route entries: one, or two when the dialog was recorded on two
        // transports (double Record-Route).
        while let first = (try? request.route)?.first, let hop = PeerAddress(uri: first.uri), self.configuration.isOwn(hop) {
            _ = try? request.popRoute()
        }
        let target: PeerAddress?
        if let route = (try? request.route)?.first {
            target = PeerAddress(uri: route.uri)
        } else if self.hasToTag(message) {
            target = PeerAddress(uri: self.requestURI(message))
        } else if message.method == "OPTIONS", let uri = PeerAddress(uri: self.requestURI(message)), self.configuration.isOwn(uri) {
            out.append(.send(SIPReplies.response(to: message, code: 200, reason: "OK", toTag: self.newTag()), to: source))
            return
        } else {
            target = self.dispatchInitial(message, now: now)
        }
        guard let next = target, !self.configuration.isOwn(next) else {
            if message.method != "ACK" {
                out.append(.send(SIPReplies.response(to: message, code: 404, reason: "Not Found", toTag: self.newTag()), to: source))
            }
            return
        }
        if message.method == "BYE", let callID = message.callID {
            self.dispatcher.callEnded(call: CallKey(callID: callID), now: now)
        }
        self.relay(&request, to: next, from: source, now: now, into: &out)
    }

    /// An initial request other than INVITE: the dispatcher's first choice.
    mutating func dispatchInitial(_ message: SIPMessage, now: Instant) -> PeerAddress? {
        let route = self.routeRequest(message, isInvite: false)
        guard let selection = self.dispatcher.select(route, now: now, using: &self.rng) else { return nil }
        return PeerAddress(uri: self.dispatcher.uri(of: selection.primary))
    }

    /// Stateless INVITE (Kamailio's `forward()`): the dispatcher's first choice,
    /// Record-Route and Via added, no transaction, no failover.
    mutating func routeStateless(_ message: SIPMessage, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        var request = message
        guard case .forward = (try? request.decrementMaxForwards()) ?? .tooManyHops else {
            out.append(.send(SIPReplies.response(to: message, code: 483, reason: "Too Many Hops"), to: source))
            return
        }
        let route = self.routeRequest(message, isInvite: true)
        guard let selection = self.dispatcher.select(route, now: now, using: &self.rng),
              let next = PeerAddress(uri: self.dispatcher.uri(of: selection.primary)) else {
            out.append(.send(SIPReplies.response(to: message, code: 503, reason: "Service Unavailable", toTag: self.newTag()), to: source))
            return
        }
        // Like Kamailio's forward(): no transaction, so no attempt or load to follow.
        self.recordRoute(&request, inbound: source.transport, outbound: next.transport)
        self.relay(&request, to: next, from: source, now: now, into: &out)
    }

    /// Adds our Via and sends; the response finds its way back through `forwarded`.
    /// The branch is derived from the incoming one, so a retransmission is forwarded
    /// with the same branch, as RFC 3261 16.6 asks of a stateless proxy.
    mutating func relay(_ request: inout SIPMessage, to next: PeerAddress, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        let incoming = (try? request.via)?.first?.branch ?? self.newBranch()
        let branch = SIPBranch.magicCookie + "sl" + String(CallKey(callID: incoming + (request.method ?? "")).value, radix: 16)
        self.addVia(&request, transport: next.transport, branch: branch)
        let expires = now + self.configuration.linger
        self.forwarded[branch] = (source, expires)
        self.forget(branch, forwarded: true, at: expires, into: &out)
        out.append(.send(request.serialized(), to: next))
        self.traffic.forwarded[request.method ?? "", default: 0] += 1
    }

    /// Record-Route (RFC 3261 16.6 step 4) so that both sides of the dialog reach us
    /// over their own transport. When the caller's and the callee's transports
    /// differ, the proxy records itself twice, the callee's side on top, as
    /// Kamailio's rr module does by default (`enable_double_rr`).
    func recordRoute(_ request: inout SIPMessage, inbound: SIPTransport, outbound: SIPTransport) {
        let callerSide = self.configuration.recordRouteURI(for: inbound)
        let calleeSide = self.configuration.recordRouteURI(for: outbound)
        request.addRecordRoute(uri: callerSide)
        if calleeSide != callerSide { request.addRecordRoute(uri: calleeSide) }
    }

    /// Our Via, naming the listener the next hop reaches us on over `transport`.
    func addVia(_ request: inout SIPMessage, transport: SIPTransport, branch: String) {
        let own = self.configuration.ownAddress(for: transport)
        request.addVia(transport: transport.viaName, host: own.host, port: own.port, branch: branch)
    }

    /// Sends the OPTIONS keepalives the dispatcher asked for.
    mutating func sendProbes(_ requests: [ProbeRequest], now: Instant, into out: inout [ProxyAction]) {
        for probe in requests {
            guard let address = PeerAddress(uri: probe.outboundProxy ?? probe.uri) else { continue }
            let branch = self.newBranch()
            self.probes[branch] = probe
            let from = probe.pingFrom ?? "sip:dispatcher@\(self.configuration.advertised)"
            out.append(.send(SIPReplies.options(
                uri: probe.uri, from: from, via: self.configuration.advertised, transport: address.transport, branch: branch,
                callID: "probe-\(probe.id)-\(self.newTag())", tag: self.newTag()), to: address))
        }
        // Probes the dispatcher timed out are no longer waited for.
        if self.probes.count > 4 * Swift.max(1, self.dispatcher.allDestinations.count) {
            let pending = Set(requests.map(\.id))
            self.probes = self.probes.filter { pending.contains($0.value.id) }
        }
    }
}
