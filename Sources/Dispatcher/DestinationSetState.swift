/// One set at run time: its members in index order, and the cursors and tables
/// the algorithms keep per set in Kamailio (`last`, `wlist`/`wlast`, `rwlist`/`rwlast`).
struct DestinationSetState: Sendable {
    let setID: Int
    /// Destination slots in Kamailio index order.
    var members: [UInt32]
    /// Round-robin cursor (`last`), shared by algorithms 4, 5's fallback and 13.
    var last = 0
    /// Algorithm 9's 100-slot table of member positions, shuffled once per load.
    var weightTable: [UInt16] = []
    var weightCursor = 0
    /// Algorithm 11's table, rebuilt when an entry with `rweight` changes between up and down.
    var relativeWeightTable: [UInt16] = []
    var relativeWeightCursor = 0
    var relativeWeightStale = true
    /// How many members are selectable now, and how many are not disabled (panic routing).
    var upCount = 0
    var enabledCount = 0

    init(setID: Int, members: [UInt32]) {
        self.setID = setID
        self.members = members
    }
}

/// Building the weight tables exactly as Kamailio 5.6 does.
enum WeightTable {
    /// Algorithm 9 (`ds_set_index_weight`-style): entry `j` in index order gets
    /// `weight_j` slots until 100 are filled; a shortfall goes to the last index;
    /// then one shuffle. No table when the index-0 entry has weight 0.
    static func weights(_ weights: [Int], using rng: inout some RandomNumberGenerator) -> [UInt16] {
        guard let first = weights.first, first > 0 else { return [] }
        var table: [UInt16] = []
        table.reserveCapacity(100)
        outer: for (j, w) in weights.enumerated() {
            for _ in 0..<w {
                if table.count == 100 { break outer }
                table.append(UInt16(j))
            }
        }
        while table.count < 100 { table.append(UInt16(weights.count - 1)) }
        self.shuffle(&table, using: &rng)
        return table
    }

    /// Algorithm 11: over the selectable entries, `floor(rweight * 100 / sum)` slots
    /// each; the remainder goes to the last entry written (or the last index).
    /// Returns nil when the active sum is 0, so the old table stays (Kamailio does).
    static func relativeWeights(_ rweights: [Int], up: [Bool], using rng: inout some RandomNumberGenerator) -> [UInt16]? {
        let sum = zip(rweights, up).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        guard sum > 0 else { return nil }
        var table: [UInt16] = []
        table.reserveCapacity(100)
        var lastWritten = rweights.count - 1
        for (j, rw) in rweights.enumerated() where up[j] {
            let slice = rw * 100 / sum
            if slice > 0 { lastWritten = j }
            for _ in 0..<slice where table.count < 100 { table.append(UInt16(j)) }
        }
        while table.count < 100 { table.append(UInt16(lastWritten)) }
        self.shuffle(&table, using: &rng)
        return table
    }

    /// Fisher–Yates, as Kamailio shuffles with `rand()`.
    static func shuffle(_ t: inout [UInt16], using rng: inout some RandomNumberGenerator) {
        guard t.count > 1 else { return }
        for i in stride(from: t.count - 1, to: 0, by: -1) {
            let j = Int(rng.next(upperBound: UInt64(i + 1)))
            t.swapAt(i, j)
        }
    }
}

extension Dispatcher {
    /// Replaces the loaded list with `list`, keeping the runtime state (health,
    /// loads, counters, latency) of destinations whose stable key is kept.
    mutating func install(_ list: DestinationList, now: Instant, using rng: inout some RandomNumberGenerator) {
        let oldList = self.list
        var oldFlags: [DestinationKey: StateFlags] = [:]
        for e in oldList.entries { oldFlags[e.key] = e.flags }
        var kept = Set<UInt32>()
        var newSets: [DestinationSetState] = []
        for setID in list.setIDs {
            var members: [UInt32] = []
            for spec in list.ordered(set: setID) {
                let slot: UInt32
                if let existing = self.slotByKey[spec.key] {
                    slot = existing
                    let i = Int(slot)
                    let fileFlagsChanged = oldFlags[spec.key].map { $0 != spec.flags } ?? true
                    self.destinations[i].spec = spec
                    self.destinations[i].removed = false
                    if fileFlagsChanged {
                        self.setFlags(slot, to: spec.flags.intersection(StateFlags.states), cause: .reload, now: now)
                    }
                } else {
                    slot = UInt32(self.destinations.count)
                    self.destinations.append(DestinationRuntime(spec: spec))
                    self.slotByKey[spec.key] = slot
                }
                kept.insert(slot)
                members.append(slot)
            }
            var set = DestinationSetState(setID: setID, members: members)
            if let old = self.setIndexByID[setID] {
                set.last = members.isEmpty ? 0 : self.sets[old].last % members.count
            }
            set.weightTable = WeightTable.weights(members.map { self.destinations[Int($0)].spec.attributes.weight }, using: &rng)
            newSets.append(set)
        }
        for i in self.destinations.indices where !kept.contains(UInt32(i)) {
            self.destinations[i].removed = true
        }
        self.sets = newSets
        self.setIndexByID = Dictionary(uniqueKeysWithValues: newSets.enumerated().map { ($1.setID, $0) })
        self.list = list
        for s in self.sets.indices { self.recount(set: s) }
    }

    /// The position of a set in `sets`. A scan beats hashing for the handful of
    /// sets a dispatcher holds; the map serves the rare large configuration.
    @inline(__always)
    func setIndex(of setID: Int) -> Int? {
        if self.sets.count <= 8 {
            for (i, set) in self.sets.enumerated() where set.setID == setID { return i }
            return nil
        }
        return self.setIndexByID[setID]
    }

    /// Recomputes a set's up/enabled counts and marks its rweight table stale.
    mutating func recount(set s: Int) {
        var up = 0
        var enabled = 0
        for slot in self.sets[s].members {
            let f = self.destinations[Int(slot)].flags
            if !f.isSkipped { up += 1 }
            if !f.contains(.disabled) { enabled += 1 }
        }
        self.sets[s].upCount = up
        self.sets[s].enabledCount = enabled
        self.sets[s].relativeWeightStale = true
    }
}
