/// Line-level scanning shared by the datagram parser and the stream framer. SIP lines
/// end in CRLF; a lone CR or LF is refused rather than guessed at, because lenient
/// line splitting is how header-smuggling differences between hops start.
enum MessageScanner {
    /// Index of the CR that ends the line starting at `start`, nil when the buffer
    /// ends first (more bytes may complete it).
    static func lineEnd<Bytes: RandomAccessCollection>(
        in bytes: Bytes, from start: Int
    ) throws(SIPParseError) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = start
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.lf { throw .badLineEnding(offset: index) }
            if byte == ASCII.cr {
                guard index + 1 < end else { return nil }
                guard bytes[index + 1] == ASCII.lf else { throw .badLineEnding(offset: index) }
                return index
            }
            index += 1
        }
        return nil
    }

    /// Skips keep-alive CRLFs (RFC 5626 section 4.4.1 and RFC 3261 section 7.5).
    static func skipKeepAlives<Bytes: RandomAccessCollection>(
        in bytes: Bytes, from start: Int
    ) -> Int where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = start
        while index + 1 < bytes.endIndex, bytes[index] == ASCII.cr, bytes[index + 1] == ASCII.lf {
            index += 2
        }
        return index
    }

    /// Parses a Content-Length value: digits only, at most a billion, so arithmetic on
    /// it cannot overflow whatever the input.
    static func contentLength<Bytes: Collection>(_ value: Bytes) -> Int?
    where Bytes.Element == UInt8 {
        var result = 0
        var sawDigit = false
        for byte in value {
            guard ASCII.isDigit(byte) else { return nil }
            result = result * 10 + Int(byte - 0x30)
            guard result <= 1_000_000_000 else { return nil }
            sawDigit = true
        }
        return sawDigit ? result : nil
    }
}
