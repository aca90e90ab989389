/// Where something was written in an input file, so errors can point at it.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(self.file):\(self.line):\(self.column)" }
}

/// A destination list that could not be read: where, and what was expected there.
public struct ListError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(self.location): error: \(self.message)" }
}

/// One destination as a list file declares it: Kamailio's
/// `setid destination [flags [priority [attrs]]]`.
///
/// This is configuration, not runtime state: health, loads and counters live in
/// the `Dispatcher`, keyed by `key`, so that a reload can carry them over.
public struct DestinationSpec: Hashable, Sendable {
    public var setID: Int
    /// The SIP URI; `sip:` is added when the file omits the scheme, as Kamailio does.
    public var uri: String
    /// The initial state bits from the file (Kamailio flags: 1 inactive, 2 trying,
    /// 4 disabled, 8 probing, 16 no DNS).
    public var flags: StateFlags
    public var priority: Int
    public var attributes: DestinationAttributes
    /// Where the entry was declared, when it came from a file.
    public var location: SourceLocation?

    public init(
        setID: Int, uri: String, flags: StateFlags = [], priority: Int = 0,
        attributes: DestinationAttributes = DestinationAttributes(), location: SourceLocation? = nil
    ) {
        self.setID = setID
        self.uri = uri
        self.flags = flags
        self.priority = priority
        self.attributes = attributes
        self.location = location
    }

    /// The stable identity used by reload, admin commands and reports: the `duid`
    /// when one is given (Kamailio's unique id), else the URI. Unlike Kamailio, two
    /// entries with the same URI but different duids stay distinct (#4330).
    public var key: DestinationKey { DestinationKey(setID: self.setID, id: self.attributes.duid ?? self.uri) }
}

/// The stable identity of a destination: its set and its duid (or URI).
public struct DestinationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var setID: Int
    public var id: String

    public init(setID: Int, id: String) {
        self.setID = setID
        self.id = id
    }

    public static func < (a: Self, b: Self) -> Bool { (a.setID, a.id) < (b.setID, b.id) }
    public var description: String { "\(self.setID)/\(self.id)" }
}

/// The `attrs` field: `name=value;...`, names case-insensitive.
///
/// The keys Kamailio gives a meaning to are typed fields; everything else is kept
/// in `extra`, in file order, because scripts (and our reports) may read it.
public struct DestinationAttributes: Hashable, Sendable {
    /// `weight` for algorithm 9: 1–100, anything else is 0 (Kamailio logs and zeroes it).
    public var weight: Int = 0
    /// `rweight` for algorithm 11: 1–100, anything else is 0.
    public var rweight: Int = 0
    /// `duid`: the unique id; call load (algorithm 10) is tied to it.
    public var duid: String?
    /// `maxload`: the most active calls algorithm 10 gives it; 0 means no limit.
    public var maxload: Int = 0
    /// `capacity`: concurrent calls it can hold, for `least-utilisation` (ours, not Kamailio's).
    public var capacity: Int?
    /// `latency`: initial latency estimate in ms, for algorithm 13.
    public var latency: Int?
    /// `cc=1`: congestion control for algorithms 11 and 13.
    public var congestionControl: Bool = false
    public var socket: String?
    public var sockname: String?
    public var pingFrom: String?
    public var obproxy: String?
    /// Keys with no meaning to the dispatcher, kept in file order.
    public var extra: [Attribute] = []
    /// The attrs text as written (Kamailio's `ATTRS.BODY`).
    public var body: String = ""

    public init() {}

    /// One `name=value` pair.
    public struct Attribute: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}
