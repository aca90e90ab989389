import Testing
import SIP

@Suite("Proxy edits and serialization")
struct ProxyEditTests {
    @Test("addVia pushes a Via on top; removeTopVia takes it off again")
    func viaStack() throws {
        var message = try SIPMessage(datagram: Fixture.invite)
        message.addVia(transport: "UDP", host: "10.0.0.1", port: 5060, branch: "z9hG4bKabc", rport: true)
        message.addVia(transport: "TCP", host: "2001:db8::2", port: nil, branch: "z9hG4bKdef")
        let reparsed = try SIPMessage(datagram: message.serialized())
        let vias = try reparsed.via
        #expect(vias.map(\.host) == ["[2001:db8::2]", "10.0.0.1", "127.0.1.1"])
        #expect(vias[1].rport == .requested)
        #expect(vias[1].branch == "z9hG4bKabc")
        var popped = reparsed
        #expect(try popped.removeTopVia()?.branch == "z9hG4bKdef")
        #expect(try popped.removeTopVia()?.branch == "z9hG4bKabc")
        #expect(try popped == SIPMessage(datagram: Fixture.invite))
    }

    @Test("removeTopVia removes one value from a multi-value line")
    func removeFromSharedLine() throws {
        var message = try SIPMessage(datagram: Fixture.ok)
        let top = try message.removeTopVia()
        #expect(top?.received == "10.0.0.1")
        let rest = try message.via
        #expect(rest.count == 1)
        #expect(rest[0].rport == .port(5061))
        #expect(try SIPMessage(datagram: message.serialized()).via == rest)
    }

    @Test("Max-Forwards counts down, is added when missing, and stops at 0 (483)")
    func maxForwards() throws {
        var message = try SIPMessage(datagram: Fixture.options)
        #expect(try message.decrementMaxForwards() == .forward(remaining: 69))
        #expect(try message.maxForwards == 69)
        message.headers.removeAll { $0.name == .maxForwards }
        #expect(try message.decrementMaxForwards() == .forward(remaining: 70))
        #expect(try message.maxForwards == 70)
        message.headers.removeAll { $0.name == .maxForwards }
        message.headers.append(SIPHeader(.maxForwards, "1"))
        #expect(try message.decrementMaxForwards() == .forward(remaining: 0))
        #expect(try message.decrementMaxForwards() == .tooManyHops)
        #expect(try message.maxForwards == 0)
    }

    @Test("Record-Route goes on top; popRoute takes the first Route value")
    func routing() throws {
        var message = try SIPMessage(datagram: Fixture.ok)
        message.addRecordRoute(uri: "sip:10.0.0.9;lr")
        #expect(try message.recordRoute.map(\.uri) == ["sip:10.0.0.9;lr", "sip:10.0.0.1;lr"])
        var request = try SIPMessage(datagram: Fixture.message("""
            BYE sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1
            Route: <sip:p1.example.com;lr>, "x, y" <sip:p2.example.com;lr>
            Route: <sip:p3.example.com;lr>
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: pop@x
            CSeq: 2 BYE
            Content-Length: 0
            """))
        #expect(try request.popRoute()?.uri == "sip:p1.example.com;lr")
        #expect(try request.route.map(\.uri) == ["sip:p2.example.com;lr", "sip:p3.example.com;lr"])
        #expect(try request.popRoute()?.displayName == "x, y")
        #expect(try request.popRoute()?.uri == "sip:p3.example.com;lr")
        #expect(try request.popRoute() == nil)
        #expect(try SIPMessage(datagram: request.serialized()).route.isEmpty)
    }

    @Test("serialization writes one Content-Length equal to the body")
    func contentLength() throws {
        var message = try SIPMessage(datagram: Fixture.invite)
        message.body = ArraySlice("short".utf8)
        message.headers.append(SIPHeader(.contentLength, "999"))
        let bytes = message.serialized()
        let reparsed = try SIPMessage(parsing: bytes[...], framing: .stream)
        #expect(try reparsed.contentLength == 5)
        #expect(reparsed.values(.contentLength).count == 1)
        message.headers.removeAll { $0.name == .contentLength }
        #expect(try SIPMessage(parsing: message.serialized()[...], framing: .stream).contentLength == 5)
    }

    @Test("a built request serializes to the expected bytes")
    func built() throws {
        let message = SIPMessage(
            startLine: .request(method: "OPTIONS", uri: "sip:10.0.0.2"),
            headers: [
                SIPHeader(.via, "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1"),
                SIPHeader(.from, "<sip:lb@10.0.0.1>;tag=a"),
                SIPHeader(.to, "<sip:10.0.0.2>"),
                SIPHeader(.callID, "b@x"),
                SIPHeader(.cseq, "1 OPTIONS"),
                SIPHeader(SIPHeaderName("v"), "SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK2"),
            ])
        let text = String(decoding: message.serialized(), as: UTF8.self)
        #expect(text == "OPTIONS sip:10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
            + "From: <sip:lb@10.0.0.1>;tag=a\r\nTo: <sip:10.0.0.2>\r\nCall-ID: b@x\r\nCSeq: 1 OPTIONS\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n")
        try SIPMessage(datagram: message.serialized()).validate()
    }

    @Test("branches carry the magic cookie and come from the caller's generator")
    func branches() {
        #expect(SIPBranch.make(random: 0x1234, 0xFFFF_FFFF_FFFF_FFFF) == "z9hG4bK0000000000001234ffffffffffffffff")
        var first = FixedGenerator(seed: 7)
        var second = FixedGenerator(seed: 7)
        let branch = SIPBranch.make(using: &first)
        #expect(branch == SIPBranch.make(using: &second))
        #expect(branch.count == 7 + 32)
        #expect(SIPBranch.isRFC3261(branch))
        #expect(!SIPBranch.isRFC3261("390skdjuw"))
    }
}

/// A counter "generator": enough to show the branch depends only on caller randomness.
struct FixedGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return state
    }
}
