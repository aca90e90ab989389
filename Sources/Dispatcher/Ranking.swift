/// Destinations sorted by score, highest first, ties kept in insertion order.
///
/// Algorithms that order the failover list by a score (latency, utilisation,
/// rendezvous, live weight) fill one of these per selection. Up to 16 entries live
/// inline on the stack; larger sets spill into arrays.
struct Ranking {
    private var scores = InlineArray<16, Double>(repeating: 0)
    private var slots = InlineArray<16, UInt32>(repeating: 0)
    private var spill: [(score: Double, slot: UInt32)] = []
    private(set) var count = 0

    /// Inserts by score (insertion sort: stable, and fast for the sizes sets have).
    mutating func insert(_ score: Double, _ slot: UInt32) {
        if self.count < 16 {
            var j = self.count
            while j > 0, self.scores[j - 1] < score {
                self.scores[j] = self.scores[j - 1]
                self.slots[j] = self.slots[j - 1]
                j -= 1
            }
            self.scores[j] = score
            self.slots[j] = slot
        } else {
            if self.spill.isEmpty {
                for k in 0..<16 { self.spill.append((self.scores[k], self.slots[k])) }
            }
            let at = self.spill.firstIndex { $0.score < score } ?? self.spill.count
            self.spill.insert((score, slot), at: at)
        }
        self.count += 1
    }

    /// Appends the `limit` best to the candidate list.
    func append(top limit: Int, into list: inout CandidateList) {
        let n = Swift.min(self.count, limit)
        if self.spill.isEmpty {
            for k in 0..<n { list.append(self.slots[k]) }
        } else {
            for k in 0..<n { list.append(self.spill[k].slot) }
        }
    }
}
