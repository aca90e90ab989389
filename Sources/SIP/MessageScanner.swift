/// Line-level scanning shared by the datagram parser and the stream framer. SIP lines
/// end in CRLF; a lone CR or LF is refused rather than guessed at, because lenient
/// line splitting is how header-smuggling differences between hops start.
enum MessageScanner {
    /// Index of the CR that ends the line starting at `start`, nil when the buffer
    /// ends first (more bytes may complete it).
    static func lineEnd<Bytes: RandomAccessCollection>(
        in bytes: Bytes, from start: Int
    ) throws(SIPParseError) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        // Contiguous buffers (arrays, slices) are scanned through a pointer: this is
        // the parser's innermost loop and the generic path is several times slower.
        let base = bytes.startIndex
        let scan = bytes.withContiguousStorageIfAvailable { buffer in
            lineEnd(in: buffer, from: start - base)
        } ?? lineEnd(in: bytes, from: start - base, base: base)
        switch scan {
        case .found(let index): return index + base
        case .incomplete: return nil
        case .bad(let index): throw .badLineEnding(offset: index + base)
        }
    }

    enum LineScan {
        case found(Int)
        case incomplete
        case bad(Int)
    }

    /// Scans `bytes` from `start` (offsets relative to `base`, the first index).
    private static func lineEnd<Bytes: RandomAccessCollection>(
        in bytes: Bytes, from start: Int, base: Int = 0
    ) -> LineScan where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = start + base
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.lf { return .bad(index - base) }
            if byte == ASCII.cr {
                guard index + 1 < end else { return .incomplete }
                guard bytes[index + 1] == ASCII.lf else { return .bad(index - base) }
                return .found(index - base)
            }
            index += 1
        }
        return .incomplete
    }

    private static func lineEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> LineScan {
        var index = start
        let end = buffer.count
        while index < end {
            let byte = buffer[index]
            if byte > ASCII.cr {
                index += 1
                continue
            }
            if byte == ASCII.lf { return .bad(index) }
            if byte == ASCII.cr {
                guard index + 1 < end else { return .incomplete }
                guard buffer[index + 1] == ASCII.lf else { return .bad(index) }
                return .found(index)
            }
            index += 1
        }
        return .incomplete
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
