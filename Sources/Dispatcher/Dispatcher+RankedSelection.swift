#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Dispatcher {
    // MARK: Algorithm 13, latency-optimised round-robin

    /// Algorithm 13: adjusted priority `prio - latency / prio` (at least 1) when the
    /// latency estimate exceeds the priority, else the priority; round-robin within
    /// the top tier through the shared `last` cursor. The failover order is the
    /// ranked list of selectable entries.
    mutating func latencyOptimised(_ s: Int, panic: Bool, limit: Int, into list: inout CandidateList) -> Bool {
        let members = self.sets[s].members
        let nr = members.count
        let start = self.sets[s].last % nr
        var ranking = Ranking()
        for k in 0..<nr {
            let slot = members[(start + k) % nr]
            guard self.isSelectable(slot, panic: panic) else { continue }
            let prio = self.destinations[Int(slot)].spec.priority
            let stats = self.destinations[Int(slot)].latency
            let congestion = self.destinations[Int(slot)].spec.attributes.congestionControl
            let lat = Int(congestion ? Swift.max(0, stats.estimate - stats.average) : stats.estimate)
            ranking.insert(Double(prio > 0 && lat > prio ? Swift.max(1, prio - lat / prio) : prio), slot)
        }
        ranking.append(top: limit, into: &list)
        guard list.count > 0, let position = self.sets[s].members.firstIndex(of: list[0].slot) else { return false }
        self.sets[s].last = (position + 1) % nr
        return true
    }

    // MARK: Beyond Kamailio

    /// Least utilisation: active calls over capacity (`capacity`, else `maxload`,
    /// else 1), with slow start shrinking a recovering destination's capacity.
    /// Entries at `maxload` are passed over. Failover goes up the utilisation order.
    func leastUtilisation(_ s: Int, panic: Bool, limit: Int, now: Instant, into list: inout CandidateList) -> Bool {
        var ranking = Ranking()
        for slot in self.sets[s].members where self.isSelectable(slot, panic: panic) && !self.isFull(slot) {
            let capacity = Double(self.destinations[Int(slot)].capacity) * self.rampFactor(slot, now: now)
            ranking.insert(-Double(self.destinations[Int(slot)].load) / capacity, slot)
        }
        ranking.append(top: limit, into: &list)
        return list.count > 0
    }

    /// Power of two choices: two distinct random selectable entries, the one with
    /// fewer active calls wins (the first drawn on a tie); failover tries the other,
    /// then the rest by ascending load.
    mutating func powerOfTwo(
        _ s: Int, panic: Bool, limit: Int, into list: inout CandidateList, using rng: inout some RandomNumberGenerator
    ) -> Bool {
        let members = self.sets[s].members
        let up = panic ? self.sets[s].enabledCount : self.sets[s].upCount
        guard up > 0 else { return false }
        // Two ranks among the selectable members from one draw, so no rejection loop is needed.
        let r = rng.next()
        let a = Int(((r & 0xFFFF_FFFF) * UInt64(up)) >> 32)
        var b = up > 1 ? Int(((r >> 32) * UInt64(up - 1)) >> 32) : a
        if up > 1, b >= a { b += 1 }
        var first: UInt32 = 0
        var second: UInt32 = 0
        var rank = 0
        for slot in members where self.isSelectable(slot, panic: panic) {
            if rank == a { first = slot }
            if rank == b { second = slot }
            rank += 1
        }
        let (winner, loser) = self.destinations[Int(second)].load < self.destinations[Int(first)].load
            ? (second, first) : (first, second)
        list.append(winner)
        if loser != winner, list.count < limit { list.append(loser) }
        guard list.count < limit else { return true }
        var ranking = Ranking()
        for slot in members where slot != winner && slot != loser && self.isSelectable(slot, panic: panic) {
            ranking.insert(-Double(self.destinations[Int(slot)].load), slot)
        }
        ranking.append(top: limit - list.count, into: &list)
        return true
    }

    /// Weighted rendezvous hashing on the Call-ID: every destination scores
    /// `-weight / ln(u)` with `u` a hash of (key, destination id), highest wins.
    /// When one goes down, only its calls move, and they spread over the others in
    /// proportion to weight; the failover order is the score order.
    func rendezvous(_ s: Int, key: String, panic: Bool, limit: Int, now: Instant, into list: inout CandidateList) -> Bool {
        let keyHash = Rendezvous.hash(key)
        var ranking = Ranking()
        for slot in self.sets[s].members where self.isSelectable(slot, panic: panic) {
            let weight = Double(Swift.max(1, self.destinations[Int(slot)].spec.attributes.weight)) * self.rampFactor(slot, now: now)
            ranking.insert(Rendezvous.score(keyHash: keyHash, seed: self.destinations[Int(slot)].rendezvousSeed, weight: weight), slot)
        }
        ranking.append(top: limit, into: &list)
        return list.count > 0
    }

    /// Weight over live destinations (smooth weighted round-robin): each selection
    /// adds every live entry's weight to its credit and picks the largest credit,
    /// which then pays the total. A dead entry drops out of the sums, so its share
    /// spreads over the others by weight instead of landing on its neighbour.
    /// The failover order follows the credits that remain.
    mutating func weightLive(_ s: Int, panic: Bool, limit: Int, now: Instant, into list: inout CandidateList) -> Bool {
        let members = self.sets[s].members
        var total = 0.0
        var best: UInt32?
        var bestCredit = -Double.infinity
        for slot in members where self.isSelectable(slot, panic: panic) {
            let i = Int(slot)
            let w = Double(Swift.max(1, self.destinations[i].spec.attributes.weight)) * self.rampFactor(slot, now: now)
            self.destinations[i].swrrCurrent += w
            total += w
            if self.destinations[i].swrrCurrent > bestCredit {
                bestCredit = self.destinations[i].swrrCurrent
                best = slot
            }
        }
        guard let winner = best else { return false }
        self.destinations[Int(winner)].swrrCurrent -= total
        list.append(winner)
        guard list.count < limit else { return true }
        var ranking = Ranking()
        for slot in members where slot != winner && self.isSelectable(slot, panic: panic) {
            ranking.insert(self.destinations[Int(slot)].swrrCurrent, slot)
        }
        ranking.append(top: limit - 1, into: &list)
        return true
    }
}

/// The hashing behind `rendezvous`: 64-bit, independent of Kamailio's hash, so
/// that scores are well spread.
enum Rendezvous {
    /// FNV-1a over the key bytes, finished with a SplitMix64 step.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { b in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for c in b { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
            return mix(h)
        }
    }

    static func seed(for key: DestinationKey) -> UInt64 {
        mix(hash(key.id) ^ UInt64(truncatingIfNeeded: key.setID) &* 0x9E37_79B9_7F4A_7C15)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 { SplitMix64.mix(x &+ 0x9E37_79B9_7F4A_7C15) }

    /// `-weight / ln(u)`, `u` uniform in (0, 1) from the pair's hash.
    @inline(__always)
    static func score(keyHash: UInt64, seed: UInt64, weight: Double) -> Double {
        let u = (Double(mix(keyHash ^ seed) >> 11) + 0.5) * 0x1p-53
        return -weight / log(u)
    }
}
