/// One `;name[=value]` parameter. A quoted value keeps its quotes so that serializing
/// it again gives the same bytes.
public struct SIPParameter: Equatable, Sendable {
    public var name: String
    /// nil for a parameter without `=` (e.g. `;lr`, `;rport`).
    public var value: String?

    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// Parameters in order. Names are case-insensitive (RFC 3261 section 7.3.1), so
/// lookups compare lowercased; a list (not a dictionary) keeps order and duplicates.
public struct SIPParameters: Equatable, Sendable, RandomAccessCollection {
    public private(set) var items: [SIPParameter] = []

    public init(_ items: [SIPParameter] = []) { self.items = items }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> SIPParameter { items[position] }

    mutating func append(_ parameter: SIPParameter) { items.append(parameter) }

    /// The first parameter called `name`, if any.
    public func parameter(_ name: String) -> SIPParameter? {
        let wanted = name.lowercased()
        return items.first { $0.name.lowercased() == wanted }
    }

    public func contains(_ name: String) -> Bool { parameter(name) != nil }

    /// The value of `name`; nil if absent or valueless.
    public func value(of name: String) -> String? { parameter(name)?.value }
}
