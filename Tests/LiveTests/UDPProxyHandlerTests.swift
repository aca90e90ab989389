import Dispatcher
import NIOCore
import NIOEmbedded
import SIP
import Testing
@testable import Live

/// The UDP driver on an EmbeddedChannel: datagrams in and out without sockets,
/// and timers in virtual time.
@Suite("UDP proxy handler on an EmbeddedChannel")
struct UDPProxyHandlerTests {
    final class Harness {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel

        init(_ core: ProxyCore) throws {
            self.channel = EmbeddedChannel(handler: UDPProxyHandler(core: core), loop: self.loop)
            try self.channel.connect(to: SocketAddress(ipAddress: "10.0.0.2", port: 5060)).wait()
        }

        func receive(_ bytes: [UInt8], from peer: PeerAddress) throws {
            let address = try SocketAddress(ipAddress: peer.host, port: peer.port)
            try self.channel.writeInbound(AddressedEnvelope(remoteAddress: address, data: self.channel.allocator.buffer(bytes: bytes)))
        }

        /// Everything written since the last call, parsed.
        func drain() throws -> [(message: SIPMessage, to: PeerAddress)] {
            var out: [(SIPMessage, PeerAddress)] = []
            while let envelope = try self.channel.readOutbound(as: AddressedEnvelope<ByteBuffer>.self) {
                let message = try SIPMessage(datagram: Array(envelope.data.readableBytesView))
                out.append((message, PeerAddress(host: envelope.remoteAddress.ipAddress ?? "", port: envelope.remoteAddress.port ?? 0)))
            }
            return out
        }
    }

    @Test("an unanswered INVITE is retransmitted on Timer A, then fails over after invite_timeout")
    func timeoutFailover() throws {
        let h = try Harness(makeProxy())
        try h.receive(invite(), from: caller)
        let first = try h.drain()
        #expect(first.map { describe($0.message) } == ["100", "INVITE"])
        let target = first[1].to
        h.loop.advanceTime(by: .milliseconds(600))
        let retransmitted = try h.drain()
        #expect(retransmitted.map { describe($0.message) } == ["INVITE"] && retransmitted.first?.to == target)
        h.loop.advanceTime(by: .milliseconds(500))
        let failover = try h.drain().filter { describe($0.message) == "INVITE" }
        #expect(failover.count == 1 && failover.first?.to != target)
    }

    @Test("probes go out every interval and a silent destination is marked inactive in virtual time")
    func probes() throws {
        let h = try Harness(makeProxy { c in
            c.pingInterval = .seconds(1)
            c.pingTimeout = .milliseconds(500)
            c.probingMode = .all
            c.probingThreshold = 2
        })
        for round in 1...2 {
            h.loop.advanceTime(by: .seconds(1))
            let probes = try h.drain()
            #expect(probes.count == 2 && probes.allSatisfy { describe($0.message) == "OPTIONS" }, "round \(round)")
            // Only gw1 answers.
            if let toGW1 = probes.first(where: { $0.to == gw1 }) {
                try h.receive(response(200, "OK", to: toGW1.message), from: gw1)
            }
        }
        h.loop.advanceTime(by: .milliseconds(600))
        let handler = try h.channel.pipeline.syncOperations.handler(type: UDPProxyHandler.self)
        let states = Dictionary(uniqueKeysWithValues: handler.core.dispatcher.status().map { ($0.uri, $0.flags.baseLetter) })
        #expect(states["sip:\(gw1)"] == "A" && states["sip:\(gw2)"] == "I")
        // New calls now avoid gw2.
        try h.receive(invite(branch: "z9hG4bKafter"), from: caller)
        #expect(try h.drain().last?.to == gw1)
    }

    @Test("a malformed datagram is dropped and the handler keeps serving")
    func malformed() throws {
        let h = try Harness(makeProxy())
        try h.receive(Array("garbage".utf8), from: caller)
        #expect(try h.drain().isEmpty)
        try h.receive(invite(), from: caller)
        #expect(try h.drain().count == 2)
    }
}
