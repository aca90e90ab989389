/// Finds message boundaries in a TCP/TLS byte stream (RFC 3261 section 18.3), where
/// Content-Length is the only framing. It reads just enough — the blank line ending
/// the headers and the Content-Length value — and leaves parsing to
/// `SIPMessage(parsing:framing: .stream)`. Limits stop a peer from making the
/// proxy buffer without end: a stream that breaks them is garbage and should be
/// closed, since its framing can no longer be trusted.
public struct SIPStreamFramer: Sendable {
    /// What the bytes at the front of the buffer hold.
    public enum Frame: Equatable, Sendable {
        /// A complete message occupies `range`; consume through `range.upperBound`.
        case message(Range<Int>)
        /// Not complete yet: read more. The first `discardable` bytes are keep-alive
        /// CRLFs that may be dropped now.
        case needMoreBytes(discardable: Int)
    }

    public var maxHeaderBytes: Int
    public var maxBodyBytes: Int

    public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Looks for the next message in `bytes` (any buffer with Int indices: an array,
    /// a slice, an `UnsafeRawBufferPointer` from a NIO ByteBuffer).
    public func nextFrame<Bytes: RandomAccessCollection>(
        in bytes: Bytes
    ) throws(SIPParseError) -> Frame where Bytes.Element == UInt8, Bytes.Index == Int {
        let start = MessageScanner.skipKeepAlives(in: bytes, from: bytes.startIndex)
        let discardable = start - bytes.startIndex
        guard start < bytes.endIndex else { return .needMoreBytes(discardable: discardable) }
        // A lone CR at the end may be the first half of another keep-alive.
        if bytes[start] == ASCII.cr, start + 1 == bytes.endIndex {
            return .needMoreBytes(discardable: discardable)
        }
        // A start line begins with a method token or "SIP/": anything else is garbage.
        guard ASCII.isToken(bytes[start]) else { throw .badRequestLine(offset: start) }
        var lineStart = start
        var contentLength: Int?
        while true {
            guard let lineEnd = try MessageScanner.lineEnd(in: bytes, from: lineStart) else {
                guard bytes.endIndex - start <= maxHeaderBytes else { throw .headersTooLarge(limit: maxHeaderBytes) }
                return .needMoreBytes(discardable: discardable)
            }
            guard lineEnd + 2 - start <= maxHeaderBytes else { throw .headersTooLarge(limit: maxHeaderBytes) }
            if lineEnd == lineStart { break }
            if lineStart > start, let length = try Self.contentLength(in: bytes, line: lineStart..<lineEnd) {
                guard contentLength == nil else { throw .badContentLength }
                contentLength = length
            }
            lineStart = lineEnd + 2
        }
        guard let length = contentLength else { throw .missingContentLength }
        guard length <= maxBodyBytes else { throw .bodyTooLarge(limit: maxBodyBytes) }
        let bodyStart = lineStart + 2
        guard bytes.endIndex - bodyStart >= length else { return .needMoreBytes(discardable: discardable) }
        return .message(start..<(bodyStart + length))
    }

    /// The value when `line` is a `Content-Length` or `l` header; nil for other lines.
    /// A folded Content-Length is refused rather than joined: nobody sends one.
    private static func contentLength<Bytes: RandomAccessCollection>(
        in bytes: Bytes, line: Range<Int>
    ) throws(SIPParseError) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = line.lowerBound
        while index < line.upperBound, ASCII.isToken(bytes[index]) { index += 1 }
        let name = bytes[line.lowerBound..<index]
        guard Self.isContentLengthName(name) else { return nil }
        while index < line.upperBound, ASCII.isBlank(bytes[index]) { index += 1 }
        guard index < line.upperBound, bytes[index] == ASCII.colon else { return nil }
        index += 1
        var low = index
        var high = line.upperBound
        while low < high, ASCII.isBlank(bytes[low]) { low += 1 }
        while high > low, ASCII.isBlank(bytes[high - 1]) { high -= 1 }
        guard let length = MessageScanner.contentLength(bytes[low..<high]) else { throw .badContentLength }
        return length
    }

    /// "Content-Length" or its compact form "l", any case, without allocating.
    private static func isContentLengthName<Name: Collection>(_ name: Name) -> Bool where Name.Element == UInt8 {
        if name.count == 1 { return name.first.map(ASCII.lowercased) == UInt8(ascii: "l") }
        guard name.count == 14 else { return false }
        return "content-length".utf8.elementsEqual(name.lazy.map(ASCII.lowercased))
    }
}
