import Testing
import SIP

@Suite("TCP stream framing")
struct StreamFramerTests {
    let framer = SIPStreamFramer(maxHeaderBytes: 4096, maxBodyBytes: 65536)

    @Test("back-to-back messages with keep-alives come out one by one")
    func backToBack() throws {
        let stream = Fixture.wire("\n") + Fixture.invite + Fixture.wire("\n\n") + Fixture.ack + Fixture.bye
        var buffer = stream[...]
        var methods: [String] = []
        while !buffer.isEmpty {
            switch try framer.nextFrame(in: buffer) {
            case .message(let range):
                let message = try SIPMessage(parsing: buffer[range], framing: .stream)
                methods.append(message.method ?? "?")
                buffer = buffer[range.upperBound...]
            case .needMoreBytes(let discardable):
                buffer = buffer.dropFirst(discardable)
                #expect(buffer.isEmpty)
            }
        }
        #expect(methods == ["INVITE", "ACK", "BYE"])
    }

    @Test("every prefix of a message asks for more bytes; the whole finds it")
    func prefixes() throws {
        let bytes = Fixture.invite
        for cut in 0..<bytes.count {
            guard case .needMoreBytes = try framer.nextFrame(in: bytes[..<cut]) else {
                Issue.record("prefix of \(cut) bytes framed early")
                return
            }
        }
        #expect(try framer.nextFrame(in: bytes) == .message(0..<bytes.count))
    }

    @Test("works on an UnsafeRawBufferPointer, as from a NIO ByteBuffer")
    func rawBuffer() throws {
        let bytes = Fixture.wire("\n") + Fixture.options
        let frame = try bytes.withUnsafeBytes { raw throws(SIPParseError) in try framer.nextFrame(in: raw) }
        #expect(frame == .message(2..<bytes.count))
    }

    @Test("keep-alives alone are discardable")
    func keepAlives() throws {
        #expect(try framer.nextFrame(in: Fixture.wire("\n\n")) == .needMoreBytes(discardable: 4))
        #expect(try framer.nextFrame(in: Fixture.wire("\n") + [0x0D]) == .needMoreBytes(discardable: 2))
    }

    @Test("garbage, missing or bad Content-Length and oversized parts are refused")
    func refusals() {
        let head = "OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\n"
        #expect(throws: SIPParseError.badRequestLine(offset: 0)) {
            try framer.nextFrame(in: [0x00, 0x01, 0x02])
        }
        #expect(throws: SIPParseError.missingContentLength) {
            try framer.nextFrame(in: Fixture.wire(head + "\n"))
        }
        #expect(throws: SIPParseError.badContentLength) {
            try framer.nextFrame(in: Fixture.wire(head + "Content-Length: x\n\n"))
        }
        #expect(throws: SIPParseError.badContentLength) {
            try framer.nextFrame(in: Fixture.wire(head + "Content-Length: 1\nl: 1\n\n"))
        }
        #expect(throws: SIPParseError.bodyTooLarge(limit: 65536)) {
            try framer.nextFrame(in: Fixture.wire(head + "Content-Length: 65537\n\n"))
        }
        let endless = Fixture.wire(head + "X-Filler: " + String(repeating: "a", count: 5000))
        #expect(throws: SIPParseError.headersTooLarge(limit: 4096)) { try framer.nextFrame(in: endless) }
        #expect(throws: SIPParseError.headersTooLarge(limit: 4096)) {
            try framer.nextFrame(in: endless + Fixture.wire("\n\n"))
        }
    }
}
