/// A name-addr or addr-spec with header parameters (RFC 3261 section 20.10): the
/// shape of From, To, Contact, Route and Record-Route values.
public struct SIPNameAddress: Equatable, Sendable {
    /// The display name as written: the inside of a quoted string (escapes kept) or
    /// the tokens before `<`; nil when absent.
    public var displayName: String?
    public var uri: String
    /// Header parameters (after the URI, outside `<>`), e.g. `tag`, `lr` on the URI is
    /// not one of these when the URI is in `<>`.
    public var parameters: SIPParameters

    public init(displayName: String? = nil, uri: String, parameters: SIPParameters = SIPParameters()) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    public var tag: String? { parameters.value(of: "tag") }

    static func parse(_ value: ArraySlice<UInt8>) -> SIPNameAddress? {
        var scanner = ValueScanner(value)
        scanner.skipLWS()
        var displayName: String?
        if scanner.current == ASCII.quote {
            guard let quoted = scanner.quotedString() else { return nil }
            displayName = ASCII.string(quoted)
            scanner.skipLWS()
            guard scanner.current == ASCII.lessThan else { return nil }
        } else if scanner.current != ASCII.lessThan {
            // Either `token *(LWS token) <uri>` or a bare addr-spec: look ahead.
            let start = scanner.index
            _ = scanner.run { ASCII.isToken($0) || ASCII.isLWS($0) }
            if scanner.current == ASCII.lessThan {
                let name = ValueSplitter.trimmed(scanner.bytes[start..<scanner.index])
                displayName = name.isEmpty ? nil : ASCII.string(name)
            } else {
                scanner.index = start
                return addrSpec(&scanner)
            }
        }
        scanner.index += 1  // past "<"
        let uriStart = scanner.index
        _ = scanner.run { $0 != ASCII.greaterThan }
        guard scanner.current == ASCII.greaterThan else { return nil }
        let uri = scanner.bytes[uriStart..<scanner.index]
        scanner.index += 1
        guard StartLineParser.isRequestURI(uri), let parameters = scanner.parameters() else { return nil }
        return SIPNameAddress(displayName: displayName, uri: ASCII.string(uri), parameters: parameters)
    }

    /// A URI without `<>` cannot hold `;`, `?` or `,` (RFC 3261 20.10): those would be
    /// read as header parameters or value separators, so they make it malformed.
    private static func addrSpec(_ scanner: inout ValueScanner) -> SIPNameAddress? {
        let uri = scanner.run { !ASCII.isLWS($0) && $0 != ASCII.semicolon }
        guard StartLineParser.isRequestURI(uri),
              !uri.contains(0x3F), !uri.contains(ASCII.comma),
              let parameters = scanner.parameters()
        else { return nil }
        return SIPNameAddress(uri: ASCII.string(uri), parameters: parameters)
    }
}
