import Foundation
import Dispatcher
import Testing
@testable import Live
import SIP

/// The proxy state machine driven directly: datagrams in, datagrams and timers out.
@Suite("Proxy core: INVITE transactions, failover, in-dialog routing")
struct ProxyCoreTests {
    @Test("an INVITE gets 100 Trying and goes to the first destination with our Via and Record-Route")
    func forwardsInvite() throws {
        var proxy = try makeProxy()
        let out = proxy.receive(invite(), from: caller, now: .s(0))
        let messages = sent(out)
        #expect(messages.map { describe($0.message) } == ["100", "INVITE"])
        #expect(messages[0].to == caller)
        let forwarded = messages[1]
        #expect(forwarded.to == gw1 || forwarded.to == gw2)
        let vias = try forwarded.message.via
        #expect(vias.count == 2 && vias[0].host == "10.0.0.2" && vias[0].branch.map(SIPBranch.isRFC3261) == true)
        #expect(try forwarded.message.recordRoute.first?.uri == "sip:10.0.0.2:5060;lr")
        #expect(try forwarded.message.maxForwards == 69)
        #expect(timers(out).contains { if case .inviteTimeout = $0.0 { $0.1 == .s(1) } else { false } })
    }

    @Test("a retransmitted INVITE is absorbed: the caller gets the last response again, nothing goes downstream")
    func absorbsRetransmission() throws {
        var proxy = try makeProxy()
        _ = proxy.receive(invite(), from: caller, now: .s(0))
        let again = sent(proxy.receive(invite(), from: caller, now: .s(0.5)))
        #expect(again.map { describe($0.message) } == ["100"])
        #expect(again.first?.to == caller)
    }

    @Test("a 503 is ACKed and the call fails over; the 200 from the next destination reaches the caller")
    func failsOverOn503() throws {
        var proxy = try makeProxy()
        let first = try #require(sent(proxy.receive(invite(), from: caller, now: .s(0))).last)
        let afterReject = sent(proxy.receive(response(503, "Service Unavailable", to: first.message), from: first.to, now: .s(0.1)))
        #expect(afterReject.map { describe($0.message) } == ["ACK", "INVITE"])
        #expect(afterReject[0].to == first.to)
        let second = afterReject[1]
        #expect(second.to != first.to)
        let ringing = sent(proxy.receive(response(180, "Ringing", to: second.message), from: second.to, now: .s(0.2)))
        #expect(ringing.map { describe($0.message) } == ["180"] && ringing[0].to == caller)
        #expect(try ringing[0].message.via.count == 1)  // our Via removed
        #expect(proxy.activeTransactions == 1)
        let ok = sent(proxy.receive(response(200, "OK", to: second.message, contact: "<sip:bob@\(second.to)>"), from: second.to, now: .s(0.3)))
        #expect(ok.map { describe($0.message) } == ["200"] && ok[0].to == caller)
        // Answered: it lingers to absorb retransmissions, but is no longer active.
        #expect(proxy.activeTransactions == 0)
        #expect(proxy.stats.answered == 1 && proxy.stats.failedOver == 1)
        let handle = try #require(proxy.dispatcher.allDestinations.first { proxy.dispatcher.uri(of: $0) == "sip:\(first.to)" })
        #expect(proxy.dispatcher.counters(of: handle).failedOverFrom == 1)
    }

    @Test("no answer within invite_timeout: the next destination is tried, and after the last one the caller gets 408")
    func timeouts() throws {
        var proxy = try makeProxy()
        let first = try #require(sent(proxy.receive(invite(), from: caller, now: .s(0))).last)
        let failover = proxy.timerFired(.inviteTimeout(branch: try #require(first.message.via.first?.branch)), now: .s(1))
        let second = try #require(sent(failover).last)
        #expect(describe(second.message) == "INVITE" && second.to != first.to)
        // It rang this time, so the timeout sends a CANCEL before giving up.
        let branch = try #require(second.message.via.first?.branch)
        _ = proxy.receive(response(180, "Ringing", to: second.message), from: second.to, now: .s(1.5))
        let end = sent(proxy.timerFired(.inviteTimeout(branch: branch), now: .s(2)))
        #expect(end.map { describe($0.message) } == ["CANCEL", "408"])
        #expect(end[0].to == second.to && end[1].to == caller)
        // A stale timer for the first attempt does nothing.
        #expect(sent(proxy.timerFired(.inviteTimeout(branch: try #require(first.message.via.first?.branch)), now: .s(3))).isEmpty)
    }

    @Test("CANCEL from the caller gets 200, is passed on, and the 487 goes back to the caller")
    func cancel() throws {
        var proxy = try makeProxy()
        let first = try #require(sent(proxy.receive(invite(), from: caller, now: .s(0))).last)
        _ = proxy.receive(response(180, "Ringing", to: first.message), from: first.to, now: .s(0.1))
        let cancelBytes = Array(String(decoding: invite(), as: UTF8.self)
            .replacingOccurrences(of: "INVITE sip", with: "CANCEL sip").replacingOccurrences(of: "1 INVITE", with: "1 CANCEL").utf8)
        let out = sent(proxy.receive(cancelBytes, from: caller, now: .s(0.2)))
        #expect(out.map { describe($0.message) } == ["200", "CANCEL"])
        #expect(out[1].to == first.to)
        let terminated = sent(proxy.receive(response(487, "Request Terminated", to: first.message), from: first.to, now: .s(0.3)))
        #expect(terminated.map { describe($0.message) } == ["ACK", "487"])
        #expect(terminated[1].to == caller)
    }

    @Test("a BYE follows the Route set through the proxy and releases the call's load")
    func inDialog() throws {
        var proxy = try makeProxy()
        let first = try #require(sent(proxy.receive(invite(), from: caller, now: .s(0))).last)
        _ = proxy.receive(response(200, "OK", to: first.message, contact: "<sip:bob@\(first.to)>"), from: first.to, now: .s(0.1))
        #expect(proxy.dispatcher.trackedCalls == 1)
        let bye = Array("""
        BYE sip:bob@\(first.to) SIP/2.0\r
        Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKbye1\r
        Route: <sip:10.0.0.2:5060;lr>\r
        Max-Forwards: 70\r
        From: <sip:alice@example.com>;tag=a1\r
        To: <sip:bob@example.com>;tag=b1\r
        Call-ID: call-1@10.0.0.1\r
        CSeq: 2 BYE\r
        Content-Length: 0\r
        \r

        """.utf8)
        let out = sent(proxy.receive(bye, from: caller, now: .s(5)))
        #expect(out.map { describe($0.message) } == ["BYE"] && out[0].to == first.to)
        #expect(try out[0].message.route.isEmpty)
        #expect(proxy.dispatcher.trackedCalls == 0)
        let reply = response(200, "OK", to: out[0].message)
        let relayed = sent(proxy.receive(reply, from: first.to, now: .s(5.1)))
        #expect(relayed.map { describe($0.message) } == ["200"] && relayed[0].to == caller)
    }

    @Test("a TCP caller and a UDP gateway: the proxy records itself twice, and each side reaches it over its own transport")
    func doubleRecordRoute() throws {
        let proxyTCP = PeerAddress(host: "10.0.0.2", port: 5061, transport: .tcp)
        let tcpCaller = PeerAddress(host: "10.0.0.1", port: 40000, transport: .tcp)
        var proxy = try makeProxy(tcp: proxyTCP)
        let overTCP = Array(String(decoding: invite(), as: UTF8.self)
            .replacingOccurrences(of: "SIP/2.0/UDP 10.0.0.1:5070", with: "SIP/2.0/TCP 10.0.0.1:40000")
            .replacingOccurrences(of: "<sip:alice@10.0.0.1:5070>", with: "<sip:alice@10.0.0.1:40000;transport=tcp>").utf8)
        let first = try #require(sent(proxy.receive(overTCP, from: tcpCaller, now: .s(0))).last)
        #expect(describe(first.message) == "INVITE" && first.to.transport == .udp)
        // The gateway's side (UDP) on top, the caller's side (TCP) below.
        #expect(try first.message.recordRoute.map(\.uri) == ["sip:10.0.0.2:5060;lr", "sip:10.0.0.2:5061;transport=tcp;lr"])
        let ok = sent(proxy.receive(response(200, "OK", to: first.message, contact: "<sip:bob@\(first.to)>"), from: first.to, now: .s(0.1)))
        #expect(ok.map { describe($0.message) } == ["200"] && ok[0].to == tcpCaller)
        // The gateway hangs up: its route set is the Record-Route in order.
        let bye = Array("""
        BYE sip:alice@10.0.0.1:40000;transport=tcp SIP/2.0\r
        Via: SIP/2.0/UDP \(first.to);branch=z9hG4bKgwbye\r
        Route: <sip:10.0.0.2:5060;lr>, <sip:10.0.0.2:5061;transport=tcp;lr>\r
        Max-Forwards: 70\r
        From: <sip:bob@example.com>;tag=b1\r
        To: <sip:alice@example.com>;tag=a1\r
        Call-ID: call-1@10.0.0.1\r
        CSeq: 1 BYE\r
        Content-Length: 0\r
        \r

        """.utf8)
        let out = sent(proxy.receive(bye, from: first.to, now: .s(5)))
        #expect(out.map { describe($0.message) } == ["BYE"] && out.first?.to == tcpCaller)
        #expect(try out.first?.message.route.isEmpty == true)
        let via = try #require(try out.first?.message.via.first)
        #expect(via.transport == "TCP" && via.host == "10.0.0.2" && via.port == 5061)
    }

    @Test("a malformed datagram is counted and dropped; the proxy keeps serving")
    func malformed() throws {
        var proxy = try makeProxy()
        #expect(proxy.receive(Array("INVITE nonsense\r\n\r\n".utf8), from: caller, now: .s(0)).isEmpty)
        #expect(proxy.malformed == 1)
        #expect(sent(proxy.receive(invite(), from: caller, now: .s(0))).count == 2)
    }

    @Test("Max-Forwards 0 gets 483")
    func maxForwards() throws {
        var proxy = try makeProxy()
        let bytes = Array(String(decoding: invite(), as: UTF8.self).replacingOccurrences(of: "Max-Forwards: 70", with: "Max-Forwards: 0").utf8)
        #expect(sent(proxy.receive(bytes, from: caller, now: .s(0))).map { describe($0.message) } == ["483"])
    }

    @Test("no destination left: 503 at once")
    func noDestination() throws {
        var proxy = try makeProxy()
        try proxy.setState(.inactive, setID: 1, id: "sip:\(gw1)", now: .s(0))
        try proxy.setState(.inactive, setID: 1, id: "sip:\(gw2)", now: .s(0))
        #expect(sent(proxy.receive(invite(), from: caller, now: .s(0))).map { describe($0.message) } == ["100", "503"])
    }

    @Test("OPTIONS probes go out when the dispatcher asks, and their replies feed its health")
    func probes() throws {
        var proxy = try makeProxy { c in
            c.pingInterval = .seconds(1)
            c.pingTimeout = .milliseconds(500)
            c.probingMode = .all
        }
        #expect(timers(proxy.start(now: .s(0))).contains { $0.0 == .dispatcher && $0.1 == .s(1) })
        let probes = sent(proxy.timerFired(.dispatcher, now: .s(1)))
        #expect(probes.map { describe($0.message) } == ["OPTIONS", "OPTIONS"])
        // gw1 answers, gw2 does not.
        let toGW1 = try #require(probes.first { $0.to == gw1 })
        _ = proxy.receive(response(200, "OK", to: toGW1.message), from: gw1, now: .s(1.01))
        _ = proxy.timerFired(.dispatcher, now: .s(1.5))
        let states = Dictionary(uniqueKeysWithValues: proxy.dispatcher.status().map { ($0.uri, $0.flags.baseLetter) })
        #expect(states["sip:\(gw1)"] == "A" && states["sip:\(gw2)"] == "I")
    }
}

@Suite("Proxy core: stateless mode and reloads")
struct ProxyCoreStatelessTests {
    @Test("stateless: no 100 Trying, no transaction; the response finds its way back")
    func stateless() throws {
        var proxy = try makeProxy(stateless: true)
        let out = sent(proxy.receive(invite(), from: caller, now: .s(0)))
        #expect(out.map { describe($0.message) } == ["INVITE"])
        #expect(proxy.activeTransactions == 0)
        let forwarded = out[0]
        let back = sent(proxy.receive(response(180, "Ringing", to: forwarded.message), from: forwarded.to, now: .s(0.1)))
        #expect(back.map { describe($0.message) } == ["180"] && back[0].to == caller)
        // A retransmission goes out again with the same branch (RFC 3261 16.6).
        let again = sent(proxy.receive(invite(), from: caller, now: .s(0.5)))
        #expect(try again.first?.message.via.first?.branch == forwarded.message.via.first?.branch)
    }

    @Test("a bad reload is refused and the old list stays; a good one keeps the destinations' state")
    func reload() throws {
        var proxy = try makeProxy()
        try proxy.setState(.inactive, setID: 1, id: "sip:\(gw2)", now: .s(0))
        var bad = DestinationList(entries: [DestinationSpec(setID: 1, uri: "sip:\(gw1)"), DestinationSpec(setID: 1, uri: "sip:\(gw1)")])
        #expect(throws: ListError.self) { try proxy.reload(bad, now: .s(1)) }
        #expect(proxy.dispatcher.allDestinations.count == 2)
        bad.entries.removeLast()
        bad.entries.append(DestinationSpec(setID: 1, uri: "sip:\(gw2)"))
        try proxy.reload(bad, now: .s(2))
        let states = Dictionary(uniqueKeysWithValues: proxy.dispatcher.status().map { ($0.uri, $0.flags.baseLetter) })
        #expect(states["sip:\(gw2)"] == "I")
    }
}

@Suite("Proxy core over TCP")
struct ProxyCoreTCPTests {
    @Test("a ;transport=tcp destination gets a TCP Via, no Timer A, and TCP probes")
    func tcpDestination() throws {
        var config = DispatcherConfiguration()
        config.pingInterval = .seconds(1)
        config.probingMode = .all
        var rng = SplitMix64(seed: 1)
        let dispatcher = try Dispatcher(list: DestinationList(entries: [DestinationSpec(setID: 1, uri: "sip:10.0.0.11:5060;transport=tcp")]),
                                        configuration: config, using: &rng)
        var proxy = ProxyCore(configuration: ProxyConfiguration(setID: 1, algorithm: .roundRobin, advertised: proxyAddress),
                              dispatcher: dispatcher, seed: 3)
        #expect(PeerAddress(uri: "sip:10.0.0.11:5060;transport=TCP")?.transport == .tcp)
        let out = proxy.receive(invite(), from: caller, now: .s(0))
        let forwarded = try #require(sent(out).last)
        #expect(forwarded.to == PeerAddress(host: "10.0.0.11", port: 5060, transport: .tcp))
        #expect(try forwarded.message.via.first?.transport == "TCP")
        #expect(!timers(out).contains { if case .retransmit = $0.0 { true } else { false } })
        let probes = sent(proxy.timerFired(.dispatcher, now: .s(1)))
        #expect(probes.first?.to.transport == .tcp)
    }
}
