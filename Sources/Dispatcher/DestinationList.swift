/// The destinations of one or more sets, as read from a list file or built by hand.
///
/// Entries stay in declaration order here; `ordered(set:)` gives Kamailio 5.6's
/// index order, which every algorithm, failover list and weight table follows.
public struct DestinationList: Hashable, Sendable {
    /// Every entry, in the order it was declared.
    public var entries: [DestinationSpec]
    /// The algorithm a `dispatcher { mode = "…"; }` block asked for, per set.
    public var modes: [Int: Algorithm]

    public init(entries: [DestinationSpec] = [], modes: [Int: Algorithm] = [:]) {
        self.entries = entries
        self.modes = modes
    }

    /// The set ids present, ascending.
    public var setIDs: [Int] { Array(Set(self.entries.map(\.setID))).sorted() }

    /// One set's entries in Kamailio 5.6 index order: priority descending, and
    /// entries of equal priority in reverse declaration order (measured on 5.6.3:
    /// file order `a(p5) b(p10) c(p10) d(p1)` gives `c, b, a, d`).
    public func ordered(set setID: Int) -> [DestinationSpec] {
        let members = self.entries.enumerated().filter { $0.element.setID == setID }
        return members.sorted { l, r in
            if l.element.priority != r.element.priority { return l.element.priority > r.element.priority }
            return l.offset > r.offset
        }.map(\.element)
    }

    /// Refuses two entries with the same stable key in one set: reload, admin
    /// commands and reports could not tell them apart.
    public func validate() throws(ListError) {
        var seen: [DestinationKey: SourceLocation?] = [:]
        for e in self.entries {
            if let previous = seen[e.key] {
                let here = e.location ?? SourceLocation(file: "<list>", line: 0, column: 0)
                let there = previous.map { " (first declared at \($0))" } ?? ""
                throw ListError(here, "expected a unique destination in set \(e.setID), but '\(e.key.id)' is declared twice\(there); give one a distinct duid")
            }
            seen[e.key] = e.location
        }
    }
}
