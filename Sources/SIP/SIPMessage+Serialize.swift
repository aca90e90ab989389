extension SIPMessage {
    /// The wire form. Content-Length is always written and always equals the body's
    /// size — the first Content-Length line is rewritten in place, later ones dropped,
    /// one appended if there was none — because a proxy that edits a body and forwards
    /// a stale length desynchronizes every TCP stream downstream.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + headers.reduce(body.count) { $0 + $1.value.count + 24 })
        switch startLine {
        case .request(let method, let uri):
            out.append(contentsOf: method.utf8)
            out.append(ASCII.space)
            out.append(contentsOf: uri.utf8)
            out.append(contentsOf: " SIP/2.0\r\n".utf8)
        case .response(let code, let reason):
            out.append(contentsOf: "SIP/2.0 ".utf8)
            out.append(contentsOf: String(code).utf8)
            out.append(ASCII.space)
            out.append(contentsOf: reason)
            out.append(contentsOf: "\r\n".utf8)
        }
        var wroteLength = false
        for header in headers {
            if header.name == .contentLength {
                if wroteLength { continue }
                wroteLength = true
                Self.append(.contentLength, ArraySlice(String(body.count).utf8), to: &out)
            } else {
                Self.append(header.name, header.value, to: &out)
            }
        }
        if !wroteLength { Self.append(.contentLength, ArraySlice(String(body.count).utf8), to: &out) }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }

    private static func append(_ name: SIPHeaderName, _ value: ArraySlice<UInt8>, to out: inout [UInt8]) {
        out.append(contentsOf: name.text.utf8)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: value)
        out.append(contentsOf: "\r\n".utf8)
    }
}
