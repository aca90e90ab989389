/// Where the admin endpoint listens: a numeric IP literal and a port, as `--admin`
/// gives it. Loopback by default because the endpoint has no authentication: anyone who
/// can reach it can disable destinations.
public struct AdminAddress: Sendable, Hashable, CustomStringConvertible {
    /// A numeric IPv4 (`127.0.0.1`) or IPv6 (`::1`, no brackets) literal; no DNS names,
    /// so binding never blocks on a resolver.
    public var host: String
    /// 0 asks the kernel for an ephemeral port (tests); `AdminServer.port` tells which.
    public var port: UInt16

    public init(host: String = "127.0.0.1", port: UInt16) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:8080`, `[::1]:8080`, `:8080` or `8080` (the last two on 127.0.0.1).
    /// Nil for anything else, so the command line can report the bad value.
    public init?(parsing text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            port = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            guard !host.contains(":") else { return nil }  // unbracketed IPv6 is ambiguous
            port = text[text.index(after: colon)...]
        } else {
            host = ""
            port = text[...]
        }
        guard let number = UInt16(port) else { return nil }
        self.init(host: host.isEmpty ? "127.0.0.1" : String(host), port: number)
    }

    /// IPv6 literals contain a colon; IPv4 ones never do.
    var isIPv6: Bool { self.host.contains(":") }

    public var description: String { self.isIPv6 ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }
}
