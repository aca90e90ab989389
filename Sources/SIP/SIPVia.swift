/// One Via value (RFC 3261 section 20.42, RFC 3581 for `rport`): how and where the
/// previous hop sent the request, so that responses can retrace the path.
public struct SIPVia: Equatable, Sendable {
    /// `rport` as received: a bare `;rport` asks the next hop to fill the port in.
    public enum RPort: Equatable, Sendable {
        case requested
        case port(Int)
    }

    /// Protocol name and version, normally "SIP" and "2.0".
    public var protocolName: String
    public var protocolVersion: String
    /// Transport token as written (UDP, TCP, TLS, SCTP, WS, or an extension).
    public var transport: String
    /// sent-by host; an IPv6 reference keeps its brackets.
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters

    public var branch: String? { parameters.value(of: "branch") }
    public var received: String? { parameters.value(of: "received") }

    /// nil without an `rport` parameter.
    public var rport: RPort? {
        guard let parameter = parameters.parameter("rport") else { return nil }
        guard let value = parameter.value else { return .requested }
        guard let port = SIPVia.port(ArraySlice(value.utf8)) else { return nil }
        return .port(port)
    }

    /// Parses one value (already split off its line by commas).
    static func parse(_ value: ArraySlice<UInt8>) -> SIPVia? {
        var scanner = ValueScanner(value)
        scanner.skipLWS()
        guard let name = scanner.token(), scanner.consume(ASCII.slash) else { return nil }
        scanner.skipLWS()
        guard let version = scanner.token(), scanner.consume(ASCII.slash) else { return nil }
        scanner.skipLWS()
        guard let transport = scanner.token() else { return nil }
        let beforeHost = scanner.index
        scanner.skipLWS()
        guard scanner.index > beforeHost, let host = sentByHost(&scanner) else { return nil }
        var port: Int?
        if scanner.consume(ASCII.colon) {
            scanner.skipLWS()
            guard let parsed = SIPVia.port(scanner.run(while: ASCII.isDigit)) else { return nil }
            port = parsed
        }
        guard let parameters = scanner.parameters() else { return nil }
        return SIPVia(
            protocolName: ASCII.string(name), protocolVersion: ASCII.string(version),
            transport: ASCII.string(transport), host: ASCII.string(host), port: port,
            parameters: parameters
        )
    }

    /// hostname / IPv4address / IPv6reference.
    private static func sentByHost(_ scanner: inout ValueScanner) -> ArraySlice<UInt8>? {
        if scanner.current == ASCII.openBracket {
            let start = scanner.index
            _ = scanner.run { $0 != ASCII.closeBracket && !ASCII.isLWS($0) }
            guard scanner.current == ASCII.closeBracket else { return nil }
            scanner.index += 1
            let host = scanner.bytes[start..<scanner.index]
            return host.count > 2 ? host : nil
        }
        let host = scanner.run { ASCII.isAlpha($0) || ASCII.isDigit($0) || $0 == 0x2D || $0 == 0x2E }
        return host.isEmpty ? nil : host
    }

    /// 1 to 5 digits, 0…65535.
    static func port(_ digits: ArraySlice<UInt8>) -> Int? {
        guard (1...5).contains(digits.count), digits.allSatisfy(ASCII.isDigit) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return value <= 65535 ? value : nil
    }
}
