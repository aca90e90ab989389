/// A cursor over one header value for the structured headers (Via, From, To, Route,
/// CSeq…). Values keep their folds, so every "skip whitespace" here skips CR and LF
/// too. Each step either advances or reports failure; nothing traps on bad input.
struct ValueScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    var current: UInt8? { isAtEnd ? nil : bytes[index] }

    mutating func skipLWS() {
        while index < bytes.endIndex, ASCII.isLWS(bytes[index]) { index += 1 }
    }

    /// Consumes `byte` (after optional LWS) if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipLWS()
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Consumes a run of bytes satisfying `predicate`; empty if none.
    mutating func run(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.endIndex, predicate(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    mutating func token() -> ArraySlice<UInt8>? {
        let token = run(while: ASCII.isToken)
        return token.isEmpty ? nil : token
    }

    /// Consumes a quoted-string (RFC 3261 25.1) and returns its inside, escapes kept.
    mutating func quotedString() -> ArraySlice<UInt8>? {
        guard current == ASCII.quote else { return nil }
        var cursor = index + 1
        while cursor < bytes.endIndex {
            let byte = bytes[cursor]
            if byte == ASCII.quote {
                let inside = bytes[(index + 1)..<cursor]
                index = cursor + 1
                return inside
            }
            if byte == ASCII.backslash {
                guard cursor + 1 < bytes.endIndex, bytes[cursor + 1] != ASCII.cr, bytes[cursor + 1] != ASCII.lf else {
                    return nil
                }
                cursor += 2
            } else {
                cursor += 1
            }
        }
        return nil
    }

    /// `*( SEMI generic-param )` to the end of the value; nil when malformed
    /// (an empty name, a dangling `=`, junk between parameters).
    mutating func parameters() -> SIPParameters? {
        var parameters = SIPParameters()
        while true {
            skipLWS()
            if isAtEnd { return parameters }
            guard consume(ASCII.semicolon) else { return nil }
            skipLWS()
            guard let name = token() else { return nil }
            var value: String?
            if consume(ASCII.equals) {
                skipLWS()
                if let quoted = quotedString() {
                    value = "\"" + ASCII.string(quoted) + "\""
                } else {
                    let plain = run(while: Self.isParameterValueByte)
                    guard !plain.isEmpty else { return nil }
                    value = ASCII.string(plain)
                }
            }
            parameters.append(SIPParameter(name: ASCII.string(name), value: value))
        }
    }

    /// gen-value = token / host / quoted-string; `host` adds `:` `[` `]` for IPv6.
    static func isParameterValueByte(_ byte: UInt8) -> Bool {
        ASCII.isToken(byte) || byte == ASCII.colon || byte == ASCII.openBracket || byte == ASCII.closeBracket
    }
}
