/// Byte classes from RFC 3261's grammar (section 25.1). The parser works on raw bytes
/// rather than `Character`s: SIP is an ASCII protocol with opaque UTF-8 islands, and
/// grapheme breaking would be slow and would merge CR LF into one element.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let slash: UInt8 = 0x2F
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D

    /// SP or HTAB: the whitespace that may follow a CRLF in a folded header line.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Linear white space once a header has been unfolded: blanks plus the CR LF
    /// of a fold. Values keep their folds verbatim, so scanners treat both as LWS.
    @inline(__always)
    static func isLWS(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == cr || byte == lf }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// RFC 3261 `token`: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~".
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        if isAlpha(byte) || isDigit(byte) { return true }
        switch byte {
        case 0x2D, 0x2E, 0x21, 0x25, 0x2A, 0x5F, 0x2B, 0x60, 0x27, 0x7E: return true
        default: return false
        }
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { isAlpha(byte) ? byte | 0x20 : byte }

    /// Case-insensitive comparison of a byte run with an ASCII literal (given lowercase).
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseLiteral: StaticString) -> Bool {
        guard bytes.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        return lowercaseLiteral.withUTF8Buffer { literal in
            var index = bytes.startIndex
            for expected in literal {
                if lowercased(bytes[index]) != expected { return false }
                index += 1
            }
            return true
        }
    }

    /// Decodes bytes as UTF-8, repairing invalid sequences, for text accessors.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
