/// A selection algorithm: Kamailio's 0–13 with their numbers and meanings, then
/// policies from the load-balancing literature that Kamailio does not have.
public enum Algorithm: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case hashCallID         // 0
    case hashFrom           // 1
    case hashTo             // 2
    case hashRURI           // 3
    case roundRobin         // 4
    case hashAuth           // 5
    case random             // 6
    case hashKey            // 7
    case serial             // 8
    case weight             // 9
    case callLoad           // 10
    case relativeWeight     // 11
    case parallel           // 12
    case latency            // 13
    /// Fewest active calls relative to capacity.
    case leastUtilisation
    /// Two random candidates; the one with fewer active calls wins (Mitzenmacher).
    case powerOfTwo
    /// Weighted rendezvous hashing on the Call-ID with proportional failover.
    case rendezvous
    /// Weighted selection rebalanced over live destinations (smooth weighted round-robin).
    case weightLive

    /// Kamailio's number, for the algorithms Kamailio has.
    public var kamailioNumber: Int? {
        switch self {
        case .hashCallID: 0
        case .hashFrom: 1
        case .hashTo: 2
        case .hashRURI: 3
        case .roundRobin: 4
        case .hashAuth: 5
        case .random: 6
        case .hashKey: 7
        case .serial: 8
        case .weight: 9
        case .callLoad: 10
        case .relativeWeight: 11
        case .parallel: 12
        case .latency: 13
        case .leastUtilisation, .powerOfTwo, .rendezvous, .weightLive: nil
        }
    }

    /// The canonical name, used in reports and scenario files.
    public var name: String {
        switch self {
        case .hashCallID: "hash-callid"
        case .hashFrom: "hash-from"
        case .hashTo: "hash-to"
        case .hashRURI: "hash-ruri"
        case .roundRobin: "round-robin"
        case .hashAuth: "hash-auth"
        case .random: "random"
        case .hashKey: "hash-key"
        case .serial: "serial"
        case .weight: "weight"
        case .callLoad: "call-load"
        case .relativeWeight: "relative-weight"
        case .parallel: "parallel"
        case .latency: "latency"
        case .leastUtilisation: "least-utilisation"
        case .powerOfTwo: "power-of-two"
        case .rendezvous: "rendezvous"
        case .weightLive: "weight-live"
        }
    }

    public var description: String { self.name }

    /// Other words users write for the same algorithm.
    static let aliases: [String: Algorithm] = [
        "least-connections": .callLoad,
        "weighted": .weight,
        "priority": .serial,
        "rweight": .relativeWeight,
        "least-utilization": .leastUtilisation,
        "p2c": .powerOfTwo,
    ]

    /// Reads a name, an alias or a Kamailio number; nil when it is none of them.
    public init?(_ text: String) {
        let t = text.trimmingASCIIWhitespace().lowercased()
        if let n = Int(t) {
            guard let a = Algorithm.allCases.first(where: { $0.kamailioNumber == n }) else { return nil }
            self = a
        } else if let a = Algorithm.allCases.first(where: { $0.name == t }) ?? Algorithm.aliases[t] {
            self = a
        } else {
            return nil
        }
    }

    /// Every accepted spelling, for error messages.
    public static var acceptedNames: String {
        (Algorithm.allCases.map(\.name) + Algorithm.aliases.keys.sorted()).joined(separator: ", ")
            + ", or a Kamailio number 0-13"
    }

    /// Whether the algorithm hashes a request key (and so keeps a caller on one destination).
    public var isHash: Bool {
        switch self {
        case .hashCallID, .hashFrom, .hashTo, .hashRURI, .hashAuth, .hashKey, .rendezvous: true
        default: false
        }
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF: what Kamailio's `trim` removes.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = self.firstIndex(where: { !isSpace($0) }),
              let last = self.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
