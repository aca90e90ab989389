/// A header field name. SIP names are case-insensitive and many have a one-letter
/// compact form (RFC 3261 section 7.3.3 and later RFCs); both spellings must find the
/// same header, so equality is on a lowercased long-form key and serialization uses
/// the canonical spelling.
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible {
    /// The spelling written out: canonical for known names, as received otherwise.
    public let text: String
    /// Lowercased long form; the identity of the name.
    let key: String

    /// Makes a name from text, expanding compact forms and canonicalizing known names.
    public init(_ text: String) {
        self.init(bytes: ArraySlice(text.utf8))
    }

    /// Parser entry point: `bytes` is the name as it appeared on the wire. Known names
    /// are matched byte-wise first so the common headers cost no String allocation.
    init(bytes: ArraySlice<UInt8>) {
        if bytes.count == 1, let long = Self.compact[ASCII.lowercased(bytes[bytes.startIndex])] {
            self = long
            return
        }
        for (spelling, name) in Self.knownSpellings
        where bytes.count == spelling.utf8CodeUnitCount && ASCII.equalsIgnoringCase(bytes, spelling) {
            self = name
            return
        }
        self.text = ASCII.string(bytes)
        self.key = String(decoding: bytes.map(ASCII.lowercased), as: UTF8.self)
    }

    private init(canonical: String) {
        self.text = canonical
        self.key = canonical.lowercased()
    }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    public static let callID = Self(canonical: "Call-ID")
    public static let contact = Self(canonical: "Contact")
    public static let contentEncoding = Self(canonical: "Content-Encoding")
    public static let contentLength = Self(canonical: "Content-Length")
    public static let contentType = Self(canonical: "Content-Type")
    public static let from = Self(canonical: "From")
    public static let subject = Self(canonical: "Subject")
    public static let supported = Self(canonical: "Supported")
    public static let to = Self(canonical: "To")
    public static let via = Self(canonical: "Via")
    public static let event = Self(canonical: "Event")
    public static let referTo = Self(canonical: "Refer-To")
    public static let referredBy = Self(canonical: "Referred-By")
    public static let allowEvents = Self(canonical: "Allow-Events")
    public static let sessionExpires = Self(canonical: "Session-Expires")
    public static let cseq = Self(canonical: "CSeq")
    public static let maxForwards = Self(canonical: "Max-Forwards")
    public static let route = Self(canonical: "Route")
    public static let recordRoute = Self(canonical: "Record-Route")

    /// Compact forms: RFC 3261 7.3.3, RFC 3265 (o, u), RFC 3515 (r), RFC 3892 (b),
    /// RFC 4028 (x).
    private static let compact: [UInt8: Self] = [
        UInt8(ascii: "i"): .callID, UInt8(ascii: "m"): .contact,
        UInt8(ascii: "e"): .contentEncoding, UInt8(ascii: "l"): .contentLength,
        UInt8(ascii: "c"): .contentType, UInt8(ascii: "f"): .from,
        UInt8(ascii: "s"): .subject, UInt8(ascii: "k"): .supported,
        UInt8(ascii: "t"): .to, UInt8(ascii: "v"): .via,
        UInt8(ascii: "o"): .event, UInt8(ascii: "r"): .referTo,
        UInt8(ascii: "b"): .referredBy, UInt8(ascii: "u"): .allowEvents,
        UInt8(ascii: "x"): .sessionExpires,
    ]

    /// Lowercase long forms, most frequent first.
    private static let knownSpellings: [(StaticString, Self)] = [
        ("via", .via), ("from", .from), ("to", .to), ("call-id", .callID), ("cseq", .cseq),
        ("max-forwards", .maxForwards), ("contact", .contact), ("content-length", .contentLength),
        ("content-type", .contentType), ("route", .route), ("record-route", .recordRoute),
        ("subject", .subject), ("supported", .supported), ("content-encoding", .contentEncoding),
        ("event", .event), ("refer-to", .referTo), ("referred-by", .referredBy),
        ("allow-events", .allowEvents), ("session-expires", .sessionExpires),
    ]
}
