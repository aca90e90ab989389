import Dispatcher
import Reports
import SIP

extension ProxyCore {
    /// Responses: to a probe, to an INVITE attempt, to a request forwarded
    /// without a transaction, or (stateless) along the Via path.
    mutating func response(_ message: SIPMessage, from source: PeerAddress, now: Instant, into out: inout [ProxyAction]) {
        guard let code = message.statusCode, let branch = (try? message.via)?.first?.branch else { return }
        if code >= 200, let probe = self.probes.removeValue(forKey: branch) {
            if self.dispatcher.configuration.pingReplyCodes.countsAsUp(code) {
                self.traffic.probeReplies += 1
            } else {
                self.traffic.probeFailures += 1
            }
            self.dispatcher.probeReplied(probe, code: code, now: now)
            return
        }
        if self.clients[branch] != nil {
            self.attemptResponse(message, code: code, branch: branch, now: now, into: &out)
            return
        }
        var relayed = message
        guard (try? relayed.removeTopVia()) != nil else { return }
        if let entry = self.forwarded[branch] {
            out.append(.send(relayed.serialized(), to: entry.source))
        } else if let next = (try? relayed.via)?.first {
            out.append(.send(relayed.serialized(), to: Self.responseAddress(next)))
        }
    }

    /// Where a response goes by a Via (RFC 3261 18.2.2, RFC 3581): `received` and
    /// `rport` when the hop put them there, else sent-by.
    static func responseAddress(_ via: SIPVia) -> PeerAddress {
        var port = via.port ?? 5060
        if case .port(let p) = via.rport { port = p }
        return PeerAddress(host: via.received ?? via.host, port: port, transport: via.transport.uppercased() == "TCP" ? .tcp : .udp)
    }

    /// A response to one of our INVITE attempts.
    mutating func attemptResponse(_ message: SIPMessage, code: Int, branch: String, now: Instant, into out: inout [ProxyAction]) {
        guard var attempt = self.clients[branch], let server = self.servers[attempt.serverBranch] else { return }
        let current = server.currentBranch == branch
        switch code {
        case 100..<200:
            attempt.provisional = true
            self.clients[branch] = attempt
            guard code > 100, current, !server.finished else { return }
            var relayed = message
            _ = try? relayed.removeTopVia()
            let bytes = relayed.serialized()
            self.servers[attempt.serverBranch]?.lastResponse = bytes
            out.append(.send(bytes, to: server.source))
        case 200..<300:
            // 2xx and its retransmissions go to the caller; the ACK is end to end.
            var relayed = message
            _ = try? relayed.removeTopVia()
            out.append(.send(relayed.serialized(), to: server.source))
            guard !attempt.final else { return }
            attempt.final = true
            self.clients[branch] = attempt
            if !server.finished {
                self.dispatcher.callAnswered(call: server.call, on: attempt.destination, now: now)
                self.stats.answered += 1
                if (server.selection?.attempts ?? 0) > 1 { self.stats.failedOver += 1 }
                self.stats.setupDelays.record(nanoseconds: (now - server.arrivedAt).nanoseconds)
                self.servers[attempt.serverBranch]?.finished = true
                self.servers[attempt.serverBranch]?.lastResponse = nil
                self.servers[attempt.serverBranch]?.currentBranch = nil
                self.linger(attempt.serverBranch, now: now, into: &out)
            }
        default:
            if attempt.final {
                // A retransmitted final response: our ACK was lost.
                if let ack = attempt.ack { out.append(.send(ack, to: attempt.address)) }
                return
            }
            let ack = SIPReplies.ack(for: attempt.request, response: message)
            out.append(.send(ack, to: attempt.address))
            attempt.final = true
            attempt.ack = ack
            self.clients[branch] = attempt
            guard current, !server.finished else { return }
            if server.cancelled {
                var relayed = message
                _ = try? relayed.removeTopVia()
                self.finish(attempt.serverBranch, response: relayed.serialized(), now: now, into: &out)
                self.dispatcher.branchFailed(attempt.destination, outcome: .reply(code: code), now: now)
                self.dispatcher.callEnded(call: server.call, now: now)
                return
            }
            self.attemptFailed(attempt.serverBranch, outcome: .reply(code: code), finalResponse: message, now: now, into: &out)
        }
    }
}
