/// A SIP request or response (RFC 3261 section 7): start line, header lines in the
/// order received, body. Values are slices into the buffer that was parsed, so a
/// proxy that reads a few headers and forwards the rest copies almost nothing.
/// Equality compares names case-insensitively and values and body byte for byte.
public struct SIPMessage: Equatable, Sendable {
    public var startLine: SIPStartLine
    public var headers: [SIPHeader]
    public var body: ArraySlice<UInt8>

    public init(startLine: SIPStartLine, headers: [SIPHeader] = [], body: ArraySlice<UInt8> = []) {
        self.startLine = startLine
        self.headers = headers
        self.body = body
    }

    public var isRequest: Bool {
        if case .request = startLine { return true }
        return false
    }

    /// The request's method; nil for a response.
    public var method: String? {
        if case .request(let method, _) = startLine { return method }
        return nil
    }

    /// The response's status code; nil for a request.
    public var statusCode: Int? {
        if case .response(let code, _) = startLine { return code }
        return nil
    }

    /// Every raw value of `name`, one per header line, in message order.
    public func values(_ name: SIPHeaderName) -> [ArraySlice<UInt8>] {
        headers.lazy.filter { $0.name == name }.map(\.value)
    }

    /// The first raw value of `name`, if the header is present.
    public func firstValue(_ name: SIPHeaderName) -> ArraySlice<UInt8>? {
        headers.first { $0.name == name }?.value
    }
}
