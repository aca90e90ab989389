import Dispatcher
import SIP

extension ProxyCore {
    /// Requests: initial INVITEs go through the dispatcher with a transaction;
    /// CANCEL and ACK match it; everything else is routed by Route or R-URI.
    mutating func request(_ message: SIPMessage, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        guard let method = message.method, let top = (try? message.via)?.first else { return }
        let branch = top.branch ?? ""
        switch method {
        case "INVITE" where !self.hasToTag(message):
            if self.configuration.stateless {
                self.routeStateless(message, from: source, now: now, into: &out)
            } else {
                self.invite(message, branch: branch, from: source, now: now, into: &out)
            }
        case "CANCEL" where self.servers[branch] != nil:
            self.cancel(message, branch: branch, from: source, now: now, into: &out)
        case "ACK" where self.servers[branch] != nil:
            break  // the caller's ACK for our non-2xx final response: absorbed (hop by hop)
        default:
            self.forwardInDialog(message, from: source, now: now, into: &out)
        }
    }

    func hasToTag(_ message: SIPMessage) -> Bool { (try? message.to)?.flatMap(\.tag) != nil }

    /// A new INVITE, or a retransmission of one in progress.
    mutating func invite(_ message: SIPMessage, branch: String, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        if let existing = self.servers[branch] {
            if let last = existing.lastResponse { out.append(.send(last, to: existing.source)) }
            return
        }
        var request = message
        guard case .forward = (try? request.decrementMaxForwards()) ?? .tooManyHops else {
            out.append(.send(SIPReplies.response(to: message, code: 483, reason: "Too Many Hops"), to: source))
            return
        }
        let callID = message.callID ?? ""
        var server = ServerTransaction(request: request, source: source, call: CallKey(callID: callID), arrivedAt: now)
        self.stats.offered += 1
        let trying = SIPReplies.response(to: message, code: 100, reason: "Trying")
        out.append(.send(trying, to: source))
        server.lastResponse = trying
        let route = self.routeRequest(message, isInvite: true)
        server.selection = self.dispatcher.select(route, now: now, using: &self.rng)
        self.servers[branch] = server
        guard self.servers[branch]?.selection != nil else {
            self.traffic.rejected503 += 1
            self.finish(branch, response: SIPReplies.response(to: message, code: 503, reason: "Service Unavailable", toTag: self.newTag()), now: now, into: &out)
            return
        }
        self.sendAttempt(branch, now: now, into: &out)
    }

    /// Forwards the INVITE to the selection's current candidate.
    mutating func sendAttempt(_ serverBranch: String, now: Instant, into out: inout [ProxyAction]) {
        guard var server = self.servers[serverBranch], var selection = server.selection else { return }
        let destination = selection.current
        guard let address = PeerAddress(uri: self.dispatcher.uri(of: destination)) else {
            // An unusable destination URI counts as a failed attempt.
            self.servers[serverBranch] = server
            self.attemptFailed(serverBranch, outcome: .reply(code: 503), now: now, into: &out)
            return
        }
        self.dispatcher.attemptStarted(&selection, call: server.call, now: now)
        server.selection = selection
        var request = server.request
        self.recordRoute(&request, inbound: server.source.transport, outbound: address.transport)
        let branch = self.newBranch()
        self.addVia(&request, transport: address.transport, branch: branch)
        let bytes = request.serialized()
        server.currentBranch = branch
        server.attemptBranches.append(branch)
        self.servers[serverBranch] = server
        self.clients[branch] = ClientAttempt(serverBranch: serverBranch, destination: destination, address: address, request: request, bytes: bytes)
        out.append(.send(bytes, to: address))
        self.traffic.forwarded["INVITE", default: 0] += 1
        let timeout = self.dispatcher.configuration.failover.inviteTimeout
        out.append(.schedule(.inviteTimeout(branch: branch), at: now + timeout))
        if address.transport == .udp {
            out.append(.schedule(.retransmit(branch: branch, interval: self.configuration.t1.nanoseconds), at: now + self.configuration.t1))
        }
    }

    /// Timer A: resend the INVITE until a provisional or final response arrives.
    mutating func retransmit(_ branch: String, interval: Int64, now: Instant, into out: inout [ProxyAction]) {
        guard let attempt = self.clients[branch], !attempt.provisional, !attempt.final,
              self.servers[attempt.serverBranch]?.currentBranch == branch else { return }
        out.append(.send(attempt.bytes, to: attempt.address))
        let next = Swift.min(interval * 2, 4_000_000_000)
        out.append(.schedule(.retransmit(branch: branch, interval: next), at: now + TimeSpan(nanoseconds: next)))
    }

    /// No final response in time: cancel it if it rang, and fail over or give up.
    mutating func inviteTimedOut(_ branch: String, now: Instant, into out: inout [ProxyAction]) {
        guard var attempt = self.clients[branch], !attempt.final,
              let server = self.servers[attempt.serverBranch], server.currentBranch == branch, !server.finished else { return }
        attempt.final = true
        self.clients[branch] = attempt
        if attempt.provisional { out.append(.send(SIPReplies.cancel(for: attempt.request), to: attempt.address)) }
        if server.cancelled {
            self.finish(attempt.serverBranch, response: SIPReplies.response(to: server.request, code: 487, reason: "Request Terminated", toTag: self.newTag()), now: now, into: &out)
            self.dispatcher.branchFailed(attempt.destination, outcome: .reply(code: 487), now: now)
            self.dispatcher.callEnded(call: server.call, now: now)
            return
        }
        self.attemptFailed(attempt.serverBranch, outcome: .timeout, now: now, into: &out)
    }

    /// Tells the dispatcher an attempt failed and follows its decision.
    mutating func attemptFailed(_ serverBranch: String, outcome: AttemptOutcome, finalResponse: SIPMessage? = nil, now: Instant, into out: inout [ProxyAction]) {
        guard var server = self.servers[serverBranch], var selection = server.selection else { return }
        let decision = self.dispatcher.attemptFailed(&selection, call: server.call, outcome: outcome, now: now)
        server.selection = selection
        server.currentBranch = nil
        self.servers[serverBranch] = server
        switch decision {
        case .failover:
            self.sendAttempt(serverBranch, now: now, into: &out)
        case .giveUp:
            let bytes: [UInt8]
            if var response = finalResponse {
                _ = try? response.removeTopVia()
                bytes = response.serialized()
            } else {
                bytes = SIPReplies.response(to: server.request, code: 408, reason: "Request Timeout", toTag: self.newTag())
            }
            self.finish(serverBranch, response: bytes, now: now, into: &out)
        }
    }

    /// Sends the final response to the caller and keeps the transaction to absorb retransmissions.
    mutating func finish(_ serverBranch: String, response: [UInt8], now: Instant, into out: inout [ProxyAction]) {
        guard var server = self.servers[serverBranch] else { return }
        self.stats.blocked += 1
        if (server.selection?.attempts ?? 0) > 1 { self.stats.failedOver += 1 }
        server.finished = true
        server.lastResponse = response
        self.servers[serverBranch] = server
        out.append(.send(response, to: server.source))
        self.linger(serverBranch, now: now, into: &out)
    }

    /// CANCEL from the caller: 200 to it, CANCEL to the destination ringing.
    mutating func cancel(_ message: SIPMessage, branch: String, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        out.append(.send(SIPReplies.response(to: message, code: 200, reason: "OK"), to: source))
        guard var server = self.servers[branch], !server.finished else { return }
        server.cancelled = true
        self.servers[branch] = server
        if let current = server.currentBranch, let attempt = self.clients[current] {
            out.append(.send(SIPReplies.cancel(for: attempt.request), to: attempt.address))
        }
    }

    /// What the dispatcher reads of a request: `ds_select_dst(set, alg)` with its
    /// Call-ID, From, To and Request-URI (and the Call-ID as the algorithm 7 key).
    func routeRequest(_ message: SIPMessage, isInvite: Bool) -> RouteRequest {
        let callID = message.callID ?? ""
        return RouteRequest(
            setID: self.configuration.setID, algorithm: self.configuration.algorithm, callID: callID,
            fromURI: (try? message.from)??.uri ?? "", toURI: (try? message.to)??.uri ?? "",
            requestURI: self.requestURI(message), hashKey: callID, isInvite: isInvite)
    }

    func requestURI(_ message: SIPMessage) -> String {
        if case .request(_, let uri) = message.startLine { return uri }
        return ""
    }

    mutating func newTag() -> String { String(self.rng.next() & 0xFFFF_FFFF, radix: 16) }
}
