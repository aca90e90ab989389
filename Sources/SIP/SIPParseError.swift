/// Why bytes were refused as a SIP message. A proxy turns these into a dropped
/// datagram, a closed stream or a 400 reply; it must never crash on input, so every
/// malformed case the parser can meet has a value here. `offset` is the byte index in
/// the buffer that was handed to the parser, where it helps to find the fault.
public enum SIPParseError: Error, Equatable, Sendable {
    /// Nothing but keep-alive CRLFs (or nothing at all).
    case empty
    /// The header section has no terminating empty line.
    case unterminatedHeaders
    /// A CR or LF that is not part of a CRLF line ending.
    case badLineEnding(offset: Int)
    /// The request line is not `Method SP Request-URI SP SIP-Version`.
    case badRequestLine(offset: Int)
    /// The status line is not `SIP-Version SP 3DIGIT SP Reason-Phrase`.
    case badStatusLine(offset: Int)
    /// The version is not SIP/2.0.
    case unsupportedVersion(offset: Int)
    /// A header line has no colon or a name with non-token bytes.
    case badHeaderLine(offset: Int)
    /// A header line starts with whitespace but there is no header to continue.
    case orphanContinuation(offset: Int)
    /// Content-Length is not a decimal number in range, or appears more than once.
    case badContentLength
    /// Content-Length is missing on a stream, where it is the only framing.
    case missingContentLength
    /// Content-Length promises more bytes than the datagram or frame holds.
    case truncatedBody(declared: Int, available: Int)
    /// A stream frame holds bytes past the body that Content-Length announced.
    case trailingBytes(offset: Int)
    /// The header section is longer than the framer's limit.
    case headersTooLarge(limit: Int)
    /// Content-Length is above the framer's body limit.
    case bodyTooLarge(limit: Int)
    /// A header a proxy depends on is absent.
    case missingHeader(SIPHeaderName)
    /// A header that must appear once appears more often.
    case duplicateHeader(SIPHeaderName)
    /// A header value does not match its grammar.
    case badHeaderValue(SIPHeaderName)
    /// CSeq's method differs from the request's method.
    case cseqMethodMismatch
}
