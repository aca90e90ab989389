/// The transport a SIP hop uses.
public enum SIPTransport: String, Hashable, Sendable {
    case udp, tcp

    /// The token in a Via header (`SIP/2.0/UDP`).
    public var viaName: String { self.rawValue.uppercased() }
}

/// Where a SIP message comes from or goes to: an IP address (or host name), a port
/// and a transport. The proxy core deals in these; the socket layer turns them into
/// socket addresses and connections.
public struct PeerAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var transport: SIPTransport

    public init(host: String, port: Int, transport: SIPTransport = .udp) {
        self.host = host
        self.port = port
        self.transport = transport
    }

    /// The same host and port, whatever the transport (is this Route ours?).
    public func sameEndpoint(as other: PeerAddress) -> Bool { self.host == other.host && self.port == other.port }

    public var description: String { self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }

    /// The next hop a SIP URI names: its host and port, 5060 (5061 for sips)
    /// when none is written. Nil when the text is not a SIP URI with a host.
    public init?(uri text: String) {
        var rest = Substring(text)
        if let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            if let gt = rest.firstIndex(of: ">") { rest = rest[..<gt] }
        }
        let lower = rest.lowercased()
        let secure = lower.hasPrefix("sips:")
        guard secure || lower.hasPrefix("sip:") else { return nil }
        rest = rest.dropFirst(secure ? 5 : 4)
        var transport = SIPTransport.udp
        if let end = rest.firstIndex(where: { $0 == ";" || $0 == "?" }) {
            let params = rest[end...].lowercased()
            if params.contains(";transport=tcp") { transport = .tcp }
            rest = rest[..<end]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { return nil }
        var port = secure ? 5061 : 5060
        if let portText {
            guard let p = Int(portText), (1...65_535).contains(p) else { return nil }
            port = p
        }
        self.init(host: String(host), port: port, transport: transport)
    }
}
