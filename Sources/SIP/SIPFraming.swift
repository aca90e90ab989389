/// How the message's end is known, which decides the role of Content-Length
/// (RFC 3261 section 18.3).
public enum SIPFraming: Sendable {
    /// UDP: the datagram is the message. Content-Length may be absent (the body is the
    /// rest of the datagram); if present it must not exceed the bytes there, and bytes
    /// past it are discarded.
    case datagram
    /// TCP/TLS: Content-Length is mandatory, and the bytes given (one frame found by
    /// `SIPStreamFramer`) must end exactly where the body ends.
    case stream
}
