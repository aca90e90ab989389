import Foundation
import Testing
import SIP

@Suite("Parsing RFC 3261 messages")
struct ParseTests {
    @Test("SIPp-like INVITE, 200, ACK, BYE and OPTIONS parse, validate and round-trip",
          arguments: Fixture.sipp.map(\.1))
    func roundTrip(_ bytes: [UInt8]) throws {
        let message = try SIPMessage(datagram: bytes)
        try message.validate()
        let again = try SIPMessage(datagram: message.serialized())
        #expect(again == message)
        #expect(message.serialized() == bytes)
    }

    @Test("the INVITE's typed headers")
    func inviteAccessors() throws {
        let message = try SIPMessage(datagram: Fixture.invite)
        #expect(message.method == "INVITE")
        #expect(message.startLine == .request(method: "INVITE", uri: "sip:service@127.0.0.1:5060"))
        #expect(message.callID == "1-3172@127.0.1.1")
        #expect(try message.cseq == SIPCSeq(number: 1, method: "INVITE"))
        #expect(try message.maxForwards == 70)
        #expect(try message.contentLength == message.body.count)
        #expect(try message.from?.tag == "3172SIPpTag001")
        #expect(try message.from?.displayName == "sipp")
        #expect(try message.to?.uri == "sip:service@127.0.0.1:5060")
        #expect(try message.to?.tag == nil)
        let via = try #require(try message.via.first)
        #expect(via.transport == "UDP")
        #expect(via.host == "127.0.1.1")
        #expect(via.port == 5061)
        #expect(via.branch == "z9hG4bK-3172-1-0")
        #expect(Array(message.body) == Fixture.wire(Fixture.sdp))
    }

    @Test("header values are slices of the parsed buffer, not copies")
    func slices() throws {
        let bytes = Fixture.invite
        let message = try SIPMessage(datagram: bytes)
        let value = try #require(message.firstValue(.callID))
        #expect(value.withUnsafeBufferPointer { $0.baseAddress } ==
                bytes.withUnsafeBufferPointer { $0.baseAddress.map { $0 + value.startIndex } })
    }

    @Test("compact forms and any case find the long-form header")
    func compactForms() throws {
        let message = try SIPMessage(datagram: Fixture.message("""
            OPTIONS sip:a@example.com SIP/2.0
            v: SIP/2.0/TCP a.example.com;branch=z9hG4bK1
            f: <sip:b@example.com>;tag=1
            t: <sip:a@example.com>
            i: compact@x
            CSEQ: 4 OPTIONS
            mAx-FoRwArDs: 7
            m: <sip:b@10.0.0.9>
            l: {CL}
            """))
        try message.validate()
        #expect(message.callID == "compact@x")
        #expect(try message.via.first?.transport == "TCP")
        #expect(try message.maxForwards == 7)
        #expect(try message.contact.first?.uri == "sip:b@10.0.0.9")
        #expect(message.headers.map(\.name.text).contains("Call-ID"))
        let table: [(String, SIPHeaderName)] = [
            ("i", .callID), ("m", .contact), ("e", .contentEncoding), ("l", .contentLength),
            ("c", .contentType), ("f", .from), ("s", .subject), ("k", .supported), ("t", .to),
            ("v", .via), ("o", .event), ("r", .referTo), ("b", .referredBy), ("u", .allowEvents),
            ("x", .sessionExpires), ("I", .callID), ("RECORD-route", .recordRoute),
        ]
        for (short, long) in table {
            #expect(SIPHeaderName(short) == long)
            #expect(SIPHeaderName(short).text == long.text)
        }
        #expect(SIPHeaderName("X-Custom").text == "X-Custom")
        #expect(SIPHeaderName("x-custom") == SIPHeaderName("X-CUSTOM"))
    }

    @Test("Via values on one line and on several lines, with rport with and without value")
    func vias() throws {
        let message = try SIPMessage(datagram: Fixture.message("""
            SIP/2.0 180 Ringing
            Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKa;received=192.0.2.1;rport=5070 ,SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bKb
            Via: SIP/2.0/UDP uac.example.com:5080;rport;branch=z9hG4bKc
            Via: SIP/2.0/SCTP
              folded.example.com ; branch = z9hG4bKd
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: v@x
            CSeq: 1 INVITE
            Content-Length: 0
            """))
        try message.validate()
        let vias = try message.via
        #expect(vias.map(\.host) == ["p1.example.com", "[2001:db8::1]", "uac.example.com", "folded.example.com"])
        #expect(vias.map(\.port) == [nil, 5061, 5080, nil])
        #expect(vias.map(\.branch) == ["z9hG4bKa", "z9hG4bKb", "z9hG4bKc", "z9hG4bKd"])
        #expect(vias[0].received == "192.0.2.1")
        #expect(vias[0].rport == .port(5070))
        #expect(vias[1].rport == nil)
        #expect(vias[2].rport == .requested)
        #expect(vias[3].transport == "SCTP")
        #expect(message.statusCode == 180)
    }

    @Test("Route and Record-Route split on commas outside quotes and angle brackets")
    func routeLists() throws {
        let message = try SIPMessage(datagram: Fixture.message("""
            INVITE sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1
            Route: "Proxy, the first" <sip:p1.example.com;lr>, <sip:p2.example.com;lr;x=a,b>;foo=bar
            Route: "quote \\" and , comma" <sip:p3.example.com;lr>
            Record-Route: <sip:r1.example.com;lr>,<sip:r2.example.com;lr>
            Record-Route: sip:r3.example.com
            From: "Smith, John" <sip:a@example.com>;tag=1
            To: <sip:b@example.com>
            Call-ID: r@x
            CSeq: 1 INVITE
            Max-Forwards: 70
            Content-Length: 0
            """))
        try message.validate()
        let route = try message.route
        #expect(route.map(\.uri) == ["sip:p1.example.com;lr", "sip:p2.example.com;lr;x=a,b", "sip:p3.example.com;lr"])
        #expect(route[0].displayName == "Proxy, the first")
        #expect(route[1].parameters.value(of: "foo") == "bar")
        #expect(route[2].displayName == "quote \\\" and , comma")
        #expect(try message.recordRoute.map(\.uri) == ["sip:r1.example.com;lr", "sip:r2.example.com;lr", "sip:r3.example.com"])
        #expect(try message.from?.displayName == "Smith, John")
    }

    @Test("folded header lines keep their value and leading keep-alive CRLFs are skipped")
    func foldingAndKeepAlives() throws {
        let bytes = Fixture.wire("\n\n") + Fixture.message("""
            OPTIONS sip:a@example.com SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1
            Subject: first
             second
            \tthird
            From: <sip:b@example.com>;tag=1
            To: <sip:a@example.com>
            Call-ID: f@x
            CSeq: 1 OPTIONS
            Content-Length: 0
            """)
        let message = try SIPMessage(datagram: bytes)
        #expect(message.headers.first { $0.name == .subject }?.text == "first\r\n second\r\n\tthird")
        #expect(message.method == "OPTIONS")
    }

    @Test("UDP: Content-Length optional, extra bytes dropped, a larger one refused")
    func datagramContentLength() throws {
        let head = """
            MESSAGE sip:a@example.com SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1
            From: <sip:b@example.com>;tag=1
            To: <sip:a@example.com>
            Call-ID: cl@x
            CSeq: 1 MESSAGE
            """
        let noLength = try SIPMessage(datagram: Fixture.message(head, body: "hello"))
        #expect(Array(noLength.body) == Array("hello".utf8))
        #expect(try noLength.contentLength == nil)
        let shorter = try SIPMessage(datagram: Fixture.message(head + "\nContent-Length: 3", body: "hello"))
        #expect(Array(shorter.body) == Array("hel".utf8))
        #expect(throws: SIPParseError.truncatedBody(declared: 99, available: 5)) {
            try SIPMessage(datagram: Fixture.message(head + "\nContent-Length: 99", body: "hello"))
        }
        #expect(throws: SIPParseError.badContentLength) {
            try SIPMessage(datagram: Fixture.message(head + "\nContent-Length: 2\nl: 2", body: "hello"))
        }
    }

    @Test("stream framing needs Content-Length and an exact frame")
    func streamContentLength() throws {
        let head = """
            OPTIONS sip:a@example.com SIP/2.0
            Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1
            """
        #expect(throws: SIPParseError.missingContentLength) {
            try SIPMessage(parsing: Fixture.message(head)[...], framing: .stream)
        }
        let exact = Fixture.message(head + "\nContent-Length: 2", body: "\n")
        #expect(try SIPMessage(parsing: exact[...], framing: .stream).body.count == 2)
        let extra = exact + [0x41]
        #expect(throws: SIPParseError.trailingBytes(offset: exact.count)) {
            try SIPMessage(parsing: extra[...], framing: .stream)
        }
    }

    @Test("structural errors are values", arguments: [
        ("", SIPParseError.empty),
        ("\r\n\r\n", .empty),
        ("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n", .unterminatedHeaders),
        ("OPTIONS sip:a@b SIP/2.0\nVia: x\r\n\r\n", .badLineEnding(offset: 23)),
        ("OPTIONS sip:a@b SIP/2.0\r\n folded\r\n\r\n", .orphanContinuation(offset: 25)),
        ("OPTIONS sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n", .badHeaderLine(offset: 25)),
        ("OPTIONS sip:a@b SIP/3.0\r\n\r\n", .unsupportedVersion(offset: 16)),
        ("SIP/2.0 99 Low\r\n\r\n", .badStatusLine(offset: 8)),
        ("SIP/2.0 2000 OK\r\n\r\n", .badStatusLine(offset: 11)),
        ("OPTIONS  sip:a@b SIP/2.0\r\n\r\n", .badRequestLine(offset: 8)),
    ])
    func structuralErrors(_ text: String, _ expected: SIPParseError) {
        #expect(throws: expected) { try SIPMessage(datagram: Array(text.utf8)) }
    }

    @Test("validate() refuses missing, duplicated and malformed essentials")
    func validation() throws {
        let good = """
            OPTIONS sip:a@example.com SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1
            From: <sip:b@example.com>;tag=1
            To: <sip:a@example.com>
            Call-ID: val@x
            CSeq: 1 OPTIONS
            """
        try SIPMessage(datagram: Fixture.message(good)).validate()
        let cases: [(String, SIPParseError)] = [
            (good.replacingOccurrences(of: "Call-ID: val@x\n", with: ""), .missingHeader(.callID)),
            (good + "\nTo: <sip:c@example.com>", .duplicateHeader(.to)),
            (good.replacingOccurrences(of: "1 OPTIONS", with: "1 INVITE"), .cseqMethodMismatch),
            (good.replacingOccurrences(of: "1 OPTIONS", with: "2147483648 OPTIONS"), .badHeaderValue(.cseq)),
            (good + "\nMax-Forwards: 256", .badHeaderValue(.maxForwards)),
            (good.replacingOccurrences(of: "UDP a.example.com", with: "UDP"), .badHeaderValue(.via)),
            (good.replacingOccurrences(of: "<sip:b@example.com>", with: "\"open <sip:b@example.com>"), .badHeaderValue(.from)),
        ]
        for (text, expected) in cases {
            let message = try SIPMessage(datagram: Fixture.message(text))
            #expect(throws: expected) { try message.validate() }
        }
    }
}
