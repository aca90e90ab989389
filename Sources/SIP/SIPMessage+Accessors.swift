/// Typed views of the headers a proxy reads. They parse on demand (a proxy reads only
/// a few headers per message) and throw `badHeaderValue` rather than guessing.
extension SIPMessage {
    /// Call-ID's value; nil if absent.
    public var callID: String? {
        firstValue(.callID).map(ASCII.string)
    }

    public var cseq: SIPCSeq? {
        get throws(SIPParseError) {
            guard let value = firstValue(.cseq) else { return nil }
            guard let cseq = SIPCSeq.parse(value) else { throw .badHeaderValue(.cseq) }
            return cseq
        }
    }

    /// 0…255 (RFC 3261 section 20.22); leading zeros allowed.
    public var maxForwards: Int? {
        get throws(SIPParseError) {
            guard let value = firstValue(.maxForwards) else { return nil }
            guard let number = MessageScanner.contentLength(value), number <= 255 else {
                throw .badHeaderValue(.maxForwards)
            }
            return number
        }
    }

    /// The declared Content-Length; nil if absent.
    public var contentLength: Int? {
        get throws(SIPParseError) {
            guard let value = firstValue(.contentLength) else { return nil }
            guard let length = MessageScanner.contentLength(value) else { throw .badContentLength }
            return length
        }
    }

    /// Every Via value, top first, across all Via lines.
    public var via: [SIPVia] {
        get throws(SIPParseError) { try list(.via, SIPVia.parse) }
    }

    public var route: [SIPNameAddress] {
        get throws(SIPParseError) { try list(.route, SIPNameAddress.parse) }
    }

    public var recordRoute: [SIPNameAddress] {
        get throws(SIPParseError) { try list(.recordRoute, SIPNameAddress.parse) }
    }

    /// Contact values; `*` (REGISTER's remove-all) is skipped.
    public var contact: [SIPNameAddress] {
        get throws(SIPParseError) {
            let values = values(.contact).filter { !ValueSplitter.trimmed($0).elementsEqual([0x2A]) }
            return try Self.parseList(values, name: .contact, SIPNameAddress.parse)
        }
    }

    public var from: SIPNameAddress? {
        get throws(SIPParseError) { try single(.from) }
    }

    public var to: SIPNameAddress? {
        get throws(SIPParseError) { try single(.to) }
    }

    private func single(_ name: SIPHeaderName) throws(SIPParseError) -> SIPNameAddress? {
        guard let value = firstValue(name) else { return nil }
        guard let address = SIPNameAddress.parse(value) else { throw .badHeaderValue(name) }
        return address
    }

    private func list<Value>(
        _ name: SIPHeaderName, _ parse: (ArraySlice<UInt8>) -> Value?
    ) throws(SIPParseError) -> [Value] {
        try Self.parseList(values(name), name: name, parse)
    }

    static func parseList<Value>(
        _ lines: [ArraySlice<UInt8>], name: SIPHeaderName, _ parse: (ArraySlice<UInt8>) -> Value?
    ) throws(SIPParseError) -> [Value] {
        var result: [Value] = []
        for line in lines {
            guard let parts = ValueSplitter.split(line) else { throw .badHeaderValue(name) }
            for part in parts {
                guard let value = parse(part) else { throw .badHeaderValue(name) }
                result.append(value)
            }
        }
        return result
    }
}
