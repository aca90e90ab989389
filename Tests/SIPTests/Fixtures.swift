import Foundation

/// Test messages written with `\n` line ends and sent with CRLF, as SIPp sends them.
enum Fixture {
    static func wire(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// `head` without the blank line; `{CL}` becomes the body's length.
    static func message(_ head: String, body: String = "") -> [UInt8] {
        let bodyBytes = wire(body)
        return wire(head.replacingOccurrences(of: "{CL}", with: String(bodyBytes.count)) + "\n\n") + bodyBytes
    }

    static let sdp = "v=0\no=user1 53655765 2353687637 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n"

    static let invite = message("""
        INVITE sip:service@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.1.1:5061;branch=z9hG4bK-3172-1-0
        From: sipp <sip:sipp@127.0.1.1:5061>;tag=3172SIPpTag001
        To: service <sip:service@127.0.0.1:5060>
        Call-ID: 1-3172@127.0.1.1
        CSeq: 1 INVITE
        Contact: sip:sipp@127.0.1.1:5061
        Max-Forwards: 70
        Subject: Performance Test
        Content-Type: application/sdp
        Content-Length: {CL}
        """, body: sdp)

    static let ok = message("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy1;received=10.0.0.1, SIP/2.0/UDP 127.0.1.1:5061;branch=z9hG4bK-3172-1-0;rport=5061
        Record-Route: <sip:10.0.0.1;lr>
        From: sipp <sip:sipp@127.0.1.1:5061>;tag=3172SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=88SIPpTag011
        Call-ID: 1-3172@127.0.1.1
        CSeq: 1 INVITE
        Contact: <sip:127.0.0.2:5062;transport=UDP>
        Content-Type: application/sdp
        Content-Length: {CL}
        """, body: sdp)

    static let ack = message("""
        ACK sip:127.0.0.2:5062;transport=UDP SIP/2.0
        Via: SIP/2.0/UDP 127.0.1.1:5061;branch=z9hG4bK-3172-1-5
        Route: <sip:10.0.0.1;lr>
        From: sipp <sip:sipp@127.0.1.1:5061>;tag=3172SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=88SIPpTag011
        Call-ID: 1-3172@127.0.1.1
        CSeq: 1 ACK
        Contact: sip:sipp@127.0.1.1:5061
        Max-Forwards: 70
        Subject: Performance Test
        Content-Length: 0
        """)

    static let bye = message("""
        BYE sip:127.0.0.2:5062;transport=UDP SIP/2.0
        Via: SIP/2.0/UDP 127.0.1.1:5061;branch=z9hG4bK-3172-1-7
        Route: <sip:10.0.0.1;lr>
        From: sipp <sip:sipp@127.0.1.1:5061>;tag=3172SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=88SIPpTag011
        Call-ID: 1-3172@127.0.1.1
        CSeq: 2 BYE
        Contact: sip:sipp@127.0.1.1:5061
        Max-Forwards: 70
        Subject: Performance Test
        Content-Length: 0
        """)

    static let options = message("""
        OPTIONS sip:10.0.0.2:5060 SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK.probe.1;rport
        From: <sip:dispatcher@localhost>;tag=probe1
        To: <sip:10.0.0.2:5060>
        Call-ID: probe-1@10.0.0.1
        CSeq: 10 OPTIONS
        Max-Forwards: 70
        Content-Length: 0
        """)

    static let sipp: [(String, [UInt8])] = [
        ("INVITE", invite), ("200", ok), ("ACK", ack), ("BYE", bye), ("OPTIONS", options),
    ]
}

/// The RFC 4475 messages written by scripts/make-sip-torture.py.
enum Torture {
    static func load(_ group: String) -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Torture").appendingPathComponent(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".dat") }.sorted().compactMap { file in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                return nil
            }
            return (String(file.dropLast(4)), [UInt8](data))
        }
    }
}
