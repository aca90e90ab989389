import Testing
import SIP

/// RFC 4475 torture messages (files written by scripts/make-sip-torture.py).
///
/// Policy: RFC 4475 marks some messages invalid only at the transaction or application
/// layer (escruri, baddate, badbranch, zeromf, cparam01/02, regescrt, unknown schemes,
/// bcast, inv2543). Their syntax is fine, and a proxy must parse them to answer them
/// (483 for zeromf) or relay them, so they are in `accepted/` and must parse and
/// validate. Everything in `refused/` is invalid at the syntax level (or, for insuf,
/// multi01, mcl01 and mismatch01/02, fails the checks a proxy relies on) and must be
/// refused by `SIPMessage(datagram:)` or `validate()` with an error value.
@Suite("RFC 4475 torture messages")
struct TortureTests {
    static let valid = Torture.load("valid")
    static let accepted = Torture.load("accepted")
    static let refused = Torture.load("refused")

    @Test("the corpus is on disk")
    func corpus() {
        #expect(Self.valid.count == 13)
        #expect(Self.accepted.count == 13)
        #expect(Self.refused.count == 20)
    }

    @Test("valid and semantically-invalid messages parse, validate and round-trip",
          arguments: valid.map(\.name) + accepted.map(\.name))
    func parses(_ name: String) throws {
        let bytes = try #require((Self.valid + Self.accepted).first { $0.name == name }?.bytes)
        let message = try SIPMessage(datagram: bytes)
        try message.validate()
        let again = try SIPMessage(datagram: message.serialized())
        #expect(again.startLine == message.startLine)
        #expect(again.headers.filter { $0.name != .contentLength } == message.headers.filter { $0.name != .contentLength })
        #expect(again.body == message.body)
    }

    @Test("invalid messages are refused with an error value", arguments: refused.map(\.name))
    func refuses(_ name: String) throws {
        let bytes = try #require(Self.refused.first { $0.name == name }?.bytes)
        let error: SIPParseError? = {
            do throws(SIPParseError) {
                try SIPMessage(datagram: bytes).validate()
                return nil
            } catch {
                return error
            }
        }()
        #expect(error != nil, "\(name) was accepted")
        if let expected = Self.expectedErrors[name] { #expect(error == expected) }
    }

    /// The reason each refusal should give, where one reason is clear.
    static let expectedErrors: [String: SIPParseError] = [
        "badinv01": .badHeaderValue(.via),
        "clerr": .truncatedBody(declared: 9999, available: 150),
        "ncl": .badContentLength,
        "scalar02": .badHeaderValue(.maxForwards),
        "scalarlg": .badHeaderValue(.cseq),
        "quotbal": .badHeaderValue(.to),
        "ltgtruri": .badRequestLine(offset: 7),
        "lwsruri": .badRequestLine(offset: 29),
        "lwsstart": .badRequestLine(offset: 7),
        "trws": .badRequestLine(offset: 38),
        "regbadct": .badHeaderValue(.contact),
        "badaspec": .badHeaderValue(.to),
        "baddn": .badHeaderValue(.from),
        "badvers": .unsupportedVersion(offset: 33),
        "mismatch01": .cseqMethodMismatch,
        "mismatch02": .cseqMethodMismatch,
        "bigcode": .badStatusLine(offset: 11),
        "insuf": .missingHeader(.callID),
        "multi01": .duplicateHeader(.callID),
        "mcl01": .badContentLength,
    ]

    @Test("wsinv: folding, escaped quotes, mixed compact and long Via, leading zeros")
    func wsinv() throws {
        let bytes = try #require(Self.valid.first { $0.name == "wsinv" }?.bytes)
        let message = try SIPMessage(datagram: bytes)
        #expect(message.startLine == .request(method: "INVITE", uri: "sip:vivekg@chair-dnrc.example.com;unknownparam"))
        #expect(try message.maxForwards == 68)
        #expect(try message.cseq == SIPCSeq(number: 9, method: "INVITE"))
        #expect(try message.to?.tag == "1918181833n")
        #expect(try message.from?.displayName == "J Rosenberg \\\\\\\"")
        #expect(try message.from?.tag == "98asjd8")
        let vias = try message.via
        #expect(vias.map(\.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(vias.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(vias[0].rport == .requested)
        #expect(try message.route.first?.uri == "sip:services.example.com;lr;unknownwith=value;unknown-no-value")
        #expect(try message.contact.first?.parameters.value(of: "q") == "0.33")
        #expect(message.body.count == 150)
        #expect(message.firstValue(SIPHeaderName("UnknownHeaderWithUnusualValue")).map(Array.init) == Array(";;,,;;,;".utf8))
    }

    @Test("dblreq: the first request is parsed, the second discarded")
    func dblreq() throws {
        let bytes = try #require(Self.valid.first { $0.name == "dblreq" }?.bytes)
        let message = try SIPMessage(datagram: bytes)
        #expect(message.method == "REGISTER")
        #expect(message.body.isEmpty)
    }

    @Test("zeromf parses, and a proxy sees Max-Forwards 0 as 483")
    func zeromf() throws {
        var message = try SIPMessage(datagram: try #require(Self.accepted.first { $0.name == "zeromf" }?.bytes))
        #expect(try message.decrementMaxForwards() == .tooManyHops)
    }
}
