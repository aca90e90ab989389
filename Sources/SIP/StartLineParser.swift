/// Parses the request line and the status line (RFC 3261 sections 7.1 and 7.2). It is
/// strict about separators — exactly one SP, no trailing blanks — because RFC 4475
/// lists the lenient variants (lwsstart, trws, lwsruri, ltgtruri) as invalid.
enum StartLineParser {
    static func parse(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> SIPStartLine {
        if line.count >= 4, ASCII.equalsIgnoringCase(line.prefix(4), "sip/") {
            return try status(line)
        }
        return try request(line)
    }

    private static func request(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> SIPStartLine {
        let start = line.startIndex
        var index = start
        while index < line.endIndex, ASCII.isToken(line[index]) { index += 1 }
        guard index > start, index < line.endIndex, line[index] == ASCII.space else {
            throw .badRequestLine(offset: index)
        }
        let method = line[start..<index]
        let uriStart = index + 1
        guard let uriEnd = line[uriStart...].firstIndex(of: ASCII.space) else {
            throw .badRequestLine(offset: uriStart)
        }
        let uri = line[uriStart..<uriEnd]
        guard isRequestURI(uri) else { throw .badRequestLine(offset: uriStart) }
        try version(line[(uriEnd + 1)...], orElse: .badRequestLine(offset: uriEnd + 1))
        return .request(method: ASCII.string(method), uri: ASCII.string(uri))
    }

    private static func status(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> SIPStartLine {
        let start = line.startIndex
        let versionEnd = line.firstIndex(of: ASCII.space) ?? line.endIndex
        try version(line[start..<versionEnd], orElse: .badStatusLine(offset: start))
        let codeStart = versionEnd + 1
        guard codeStart + 3 <= line.endIndex else { throw .badStatusLine(offset: versionEnd) }
        var code = 0
        for byte in line[codeStart..<(codeStart + 3)] {
            guard ASCII.isDigit(byte) else { throw .badStatusLine(offset: codeStart) }
            code = code * 10 + Int(byte - 0x30)
        }
        guard (100...699).contains(code) else { throw .badStatusLine(offset: codeStart) }
        let afterCode = codeStart + 3
        // RFC 3261 wants "SP Reason-Phrase"; a bare code is tolerated (empty reason).
        if afterCode == line.endIndex { return .response(statusCode: code, reason: []) }
        guard line[afterCode] == ASCII.space else { throw .badStatusLine(offset: afterCode) }
        return .response(statusCode: code, reason: line[(afterCode + 1)...])
    }

    /// Only SIP/2.0 is spoken; any other well-formed version is "unsupported" so a
    /// proxy can answer 505 instead of 400.
    private static func version(
        _ text: ArraySlice<UInt8>, orElse error: SIPParseError
    ) throws(SIPParseError) {
        if ASCII.equalsIgnoringCase(text, "sip/2.0") { return }
        if text.count >= 4, ASCII.equalsIgnoringCase(text.prefix(4), "sip/"),
           text.dropFirst(4).allSatisfy({ ASCII.isDigit($0) || $0 == 0x2E }) {
            throw .unsupportedVersion(offset: text.startIndex)
        }
        throw error
    }

    /// `scheme ":" 1*uric` with printable ASCII only: no LWS, no `<>` or quotes.
    static func isRequestURI(_ uri: ArraySlice<UInt8>) -> Bool {
        guard let first = uri.first, ASCII.isAlpha(first) else { return false }
        var sawColon = false
        var index = uri.startIndex + 1
        while index < uri.endIndex {
            let byte = uri[index]
            if !sawColon {
                if byte == ASCII.colon {
                    sawColon = true
                } else if !(ASCII.isAlpha(byte) || ASCII.isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
                    return false
                }
            } else if byte <= 0x20 || byte >= 0x7F || byte == ASCII.lessThan || byte == ASCII.greaterThan
                        || byte == ASCII.quote {
                return false
            }
            index += 1
        }
        return sawColon && uri.last != ASCII.colon
    }
}
