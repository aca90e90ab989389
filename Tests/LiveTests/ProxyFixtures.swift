import Dispatcher
@testable import Live
import SIP

let caller = PeerAddress(host: "10.0.0.1", port: 5070)
let proxyAddress = PeerAddress(host: "10.0.0.2", port: 5060)
let gw1 = PeerAddress(host: "10.0.0.11", port: 5060)
let gw2 = PeerAddress(host: "10.0.0.12", port: 5060)

/// A proxy over two gateways, round-robin, failover on 503 and timeout, 1 s INVITE timeout;
/// with `tcp`, it also has a TCP listener there.
func makeProxy(
    stateless: Bool = false, tcp: PeerAddress? = nil, configure: (inout DispatcherConfiguration) -> Void = { _ in }
) throws -> ProxyCore {
    var config = DispatcherConfiguration()
    config.failover.inviteTimeout = .seconds(1)
    config.failover.codes = [503]
    configure(&config)
    var rng = SplitMix64(seed: 1)
    let list = DestinationList(entries: [
        DestinationSpec(setID: 1, uri: "sip:\(gw2)"),  // index order: the later line first
        DestinationSpec(setID: 1, uri: "sip:\(gw1)"),
    ])
    let dispatcher = try Dispatcher(list: list, configuration: config, using: &rng)
    var proxy = ProxyConfiguration(setID: 1, algorithm: .roundRobin, advertised: proxyAddress, stateless: stateless)
    proxy.advertisedTCP = tcp
    return ProxyCore(configuration: proxy, dispatcher: dispatcher, seed: 7)
}

func invite(branch: String = "z9hG4bKcaller1", callID: String = "call-1@10.0.0.1") -> [UInt8] {
    Array("""
    INVITE sip:bob@example.com SIP/2.0\r
    Via: SIP/2.0/UDP 10.0.0.1:5070;branch=\(branch)\r
    Max-Forwards: 70\r
    From: <sip:alice@example.com>;tag=a1\r
    To: <sip:bob@example.com>\r
    Call-ID: \(callID)\r
    CSeq: 1 INVITE\r
    Contact: <sip:alice@10.0.0.1:5070>\r
    Content-Length: 0\r
    \r

    """.utf8)
}

/// A destination's response to a request the proxy sent: the request's Vias, From, To (+tag), Call-ID, CSeq.
func response(_ code: Int, _ reason: String, to request: SIPMessage, toTag: String? = "b1", contact: String? = nil) -> [UInt8] {
    var headers = request.headers.filter { [.via, .from, .callID, .cseq, .recordRoute].contains($0.name) }
    if let to = request.headers.first(where: { $0.name == .to }) {
        headers.append(toTag.map { SIPHeader(.to, to.text + ";tag=\($0)") } ?? to)
    }
    if let contact { headers.append(SIPHeader(.contact, contact)) }
    headers.append(SIPHeader(.contentLength, "0"))
    return SIPMessage(startLine: .response(statusCode: code, reason: ArraySlice(reason.utf8)), headers: headers).serialized()
}

/// The messages sent, parsed, with where they went.
func sent(_ actions: [ProxyAction]) -> [(message: SIPMessage, to: PeerAddress)] {
    actions.compactMap { action in
        guard case .send(let bytes, let to) = action, let m = try? SIPMessage(datagram: bytes) else { return nil }
        return (m, to)
    }
}

func timers(_ actions: [ProxyAction]) -> [(ProxyTimer, Instant)] {
    actions.compactMap { action in
        guard case .schedule(let timer, let at) = action else { return nil }
        return (timer, at)
    }
}

func describe(_ m: SIPMessage) -> String {
    switch m.startLine {
    case .request(let method, _): method
    case .response(let code, _): String(code)
    }
}

extension Instant {
    static func s(_ seconds: Double) -> Instant { .zero + .seconds(seconds) }
}
