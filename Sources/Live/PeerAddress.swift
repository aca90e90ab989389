/// Where a SIP message comes from or goes to: an IP address (or host name) and a
/// port on UDP. The proxy core deals in these; the socket layer turns them into
/// socket addresses.
public struct PeerAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

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
        if let end = rest.firstIndex(where: { $0 == ";" || $0 == "?" }) { rest = rest[..<end] }
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
        self.init(host: String(host), port: port)
    }
}
