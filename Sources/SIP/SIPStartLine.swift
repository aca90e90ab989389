/// The first line of a message: what distinguishes a request from a response.
public enum SIPStartLine: Equatable, Sendable {
    /// `Method SP Request-URI SP SIP/2.0`.
    case request(method: String, uri: String)
    /// `SIP/2.0 SP Status-Code SP Reason-Phrase`. The reason is kept as bytes because
    /// RFC 3261 allows UTF-8 and escapes there, and a proxy relays it unchanged.
    case response(statusCode: Int, reason: ArraySlice<UInt8>)
}
