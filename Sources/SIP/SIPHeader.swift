/// One header line as received: its name and its raw value. The value is a slice of
/// the received buffer (no copy on the hot path), trimmed of surrounding whitespace;
/// folded continuation lines stay inside it verbatim, which is still valid on the wire
/// and lets a proxy forward untouched headers byte for byte.
public struct SIPHeader: Equatable, Sendable {
    public var name: SIPHeaderName
    public var value: ArraySlice<UInt8>

    public init(name: SIPHeaderName, value: ArraySlice<UInt8>) {
        self.name = name
        self.value = value
    }

    /// Builds a header from text, for messages made or modified by the proxy.
    public init(_ name: SIPHeaderName, _ value: String) {
        self.init(name: name, value: ArraySlice(value.utf8))
    }

    /// The value as text (invalid UTF-8 repaired), folds left in place.
    public var text: String { ASCII.string(value) }
}
