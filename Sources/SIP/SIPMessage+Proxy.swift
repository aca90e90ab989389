/// The edits a stateless or transaction-stateful proxy makes while forwarding
/// (RFC 3261 section 16.6 for requests, 16.7 for responses). Untouched headers keep
/// their original bytes.
extension SIPMessage {
    /// What `decrementMaxForwards()` found.
    public enum MaxForwardsOutcome: Equatable, Sendable {
        /// Forward; this many hops remain (the new header value).
        case forward(remaining: Int)
        /// Max-Forwards was 0: do not forward, answer 483 Too Many Hops.
        case tooManyHops
    }

    /// Pushes a Via for this hop on top of the others (RFC 3261 16.6 step 8).
    /// `rport` adds a bare `;rport` asking for the source port (RFC 3581).
    public mutating func addVia(
        transport: String, host: String, port: Int?, branch: String, rport: Bool = false
    ) {
        var value = "SIP/2.0/\(transport) \(Self.bracketed(host))"
        if let port { value += ":\(port)" }
        value += ";branch=\(branch)"
        if rport { value += ";rport" }
        let index = headers.firstIndex { $0.name == .via } ?? 0
        headers.insert(SIPHeader(.via, value), at: index)
    }

    /// Removes the top Via value (RFC 3261 16.7 step 3) and returns it; nil if there
    /// was none. Only that value goes when several share one line.
    @discardableResult
    public mutating func removeTopVia() throws(SIPParseError) -> SIPVia? {
        try removeFirstValue(.via, SIPVia.parse)
    }

    /// Removes the first Route value (loose routing, RFC 3261 16.4) and returns it.
    @discardableResult
    public mutating func popRoute() throws(SIPParseError) -> SIPNameAddress? {
        try removeFirstValue(.route, SIPNameAddress.parse)
    }

    /// Adds `<uri>` as the topmost Record-Route so in-dialog requests come back through
    /// this proxy (RFC 3261 16.6 step 4). Pass a URI with `;lr` for loose routing.
    public mutating func addRecordRoute(uri: String) {
        let header = SIPHeader(.recordRoute, "<\(uri)>")
        if let index = headers.firstIndex(where: { $0.name == .recordRoute }) {
            headers.insert(header, at: index)
        } else if let lastVia = headers.lastIndex(where: { $0.name == .via }) {
            headers.insert(header, at: lastVia + 1)
        } else {
            headers.insert(header, at: 0)
        }
    }

    /// Decrements Max-Forwards, or adds `Max-Forwards: 70` when absent
    /// (RFC 3261 16.6 step 3). At 0 the message is left unchanged and the caller
    /// must answer 483 instead of forwarding.
    public mutating func decrementMaxForwards() throws(SIPParseError) -> MaxForwardsOutcome {
        guard let index = headers.firstIndex(where: { $0.name == .maxForwards }) else {
            headers.append(SIPHeader(.maxForwards, "70"))
            return .forward(remaining: 70)
        }
        guard let current = try maxForwards else { return .tooManyHops }
        if current == 0 { return .tooManyHops }
        headers[index].value = ArraySlice(String(current - 1).utf8)
        return .forward(remaining: current - 1)
    }

    /// IPv6 literals go in brackets in sent-by (RFC 3261 25.1 `IPv6reference`).
    static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    private mutating func removeFirstValue<Value>(
        _ name: SIPHeaderName, _ parse: (ArraySlice<UInt8>) -> Value?
    ) throws(SIPParseError) -> Value? {
        guard let index = headers.firstIndex(where: { $0.name == name }) else { return nil }
        let line = headers[index].value
        guard let parts = ValueSplitter.split(line), let first = parts.first,
              let value = parse(first)
        else { throw .badHeaderValue(name) }
        if parts.count == 1 {
            headers.remove(at: index)
        } else {
            headers[index].value = line[parts[1].startIndex..<line.endIndex]
        }
        return value
    }
}
