extension SIPMessage {
    /// Parses one UDP datagram (leading keep-alive CRLFs ignored).
    public init(datagram bytes: [UInt8]) throws(SIPParseError) {
        try self.init(parsing: bytes[...], framing: .datagram)
    }

    /// Parses one message from `bytes`. The result's header values and body are slices
    /// of `bytes` (same storage, same indices). Only the framing-level grammar is
    /// checked here — start line, header lines, Content-Length — so a proxy pays only
    /// for what it reads; `validate()` checks the headers a proxy relies on.
    public init(parsing bytes: ArraySlice<UInt8>, framing: SIPFraming) throws(SIPParseError) {
        let start = MessageScanner.skipKeepAlives(in: bytes, from: bytes.startIndex)
        guard start < bytes.endIndex else { throw .empty }
        guard let startLineEnd = try MessageScanner.lineEnd(in: bytes, from: start) else {
            throw .unterminatedHeaders
        }
        let startLine = try StartLineParser.parse(bytes[start..<startLineEnd])
        var builder = HeaderListBuilder()
        var position = startLineEnd + 2
        while true {
            guard let lineEnd = try MessageScanner.lineEnd(in: bytes, from: position) else {
                throw .unterminatedHeaders
            }
            if lineEnd == position {
                position += 2
                break
            }
            try builder.add(line: bytes[position..<lineEnd], in: bytes)
            position = lineEnd + 2
        }
        let headers = builder.finish(in: bytes)
        let body = try Self.body(of: headers, in: bytes, from: position, framing: framing)
        self.init(startLine: startLine, headers: headers, body: body)
    }

    /// Cuts the body according to Content-Length and the framing (RFC 3261 18.3).
    private static func body(
        of headers: [SIPHeader], in bytes: ArraySlice<UInt8>, from start: Int, framing: SIPFraming
    ) throws(SIPParseError) -> ArraySlice<UInt8> {
        var declared: Int?
        for header in headers where header.name == .contentLength {
            guard declared == nil, let length = MessageScanner.contentLength(header.value) else {
                throw .badContentLength
            }
            declared = length
        }
        let available = bytes.endIndex - start
        guard let length = declared else {
            if framing == .stream { throw .missingContentLength }
            return bytes[start...]
        }
        guard length <= available else { throw .truncatedBody(declared: length, available: available) }
        if framing == .stream, length < available { throw .trailingBytes(offset: start + length) }
        return bytes[start..<(start + length)]
    }
}

/// Collects header lines, joining folded continuation lines (RFC 3261 section 7.3.1)
/// into the value of the header they continue.
private struct HeaderListBuilder {
    private var headers: [SIPHeader] = []
    private var pendingName: ArraySlice<UInt8>?
    private var valueStart = 0
    private var valueEnd = 0

    mutating func add(line: ArraySlice<UInt8>, in bytes: ArraySlice<UInt8>) throws(SIPParseError) {
        let start = line.startIndex
        if ASCII.isBlank(line[start]) {
            guard pendingName != nil else { throw .orphanContinuation(offset: start) }
            valueEnd = line.endIndex
            return
        }
        flush(in: bytes)
        var index = start
        while index < line.endIndex, ASCII.isToken(line[index]) { index += 1 }
        let nameEnd = index
        while index < line.endIndex, ASCII.isBlank(line[index]) { index += 1 }
        guard nameEnd > start, index < line.endIndex, line[index] == ASCII.colon else {
            throw .badHeaderLine(offset: start)
        }
        pendingName = line[start..<nameEnd]
        valueStart = index + 1
        valueEnd = line.endIndex
    }

    mutating func finish(in bytes: ArraySlice<UInt8>) -> [SIPHeader] {
        flush(in: bytes)
        return headers
    }

    private mutating func flush(in bytes: ArraySlice<UInt8>) {
        guard let name = pendingName else { return }
        var low = valueStart
        var high = valueEnd
        while low < high, ASCII.isLWS(bytes[low]) { low += 1 }
        while high > low, ASCII.isLWS(bytes[high - 1]) { high -= 1 }
        headers.append(SIPHeader(name: SIPHeaderName(bytes: name), value: bytes[low..<high]))
        pendingName = nil
    }
}
