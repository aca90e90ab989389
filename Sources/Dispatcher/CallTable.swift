/// The calls the core counts load for, by `CallKey`: an open-addressing hash
/// table with linear probing and backward-shift deletion.
///
/// Every INVITE, answer and BYE touches it, so it avoids `Dictionary`'s
/// per-operation seeded hashing: keys are mixed once with SplitMix64's finaliser,
/// which is enough for keys no adversary picks (Call-ID hashes, call numbers).
/// A bucket is 24 bytes, so the table of a few thousand calls stays in the
/// first-level cache; deletion mixes a shifted key again rather than storing
/// its home bucket.
struct CallTable: Sendable {
    private struct Bucket: Sendable {
        var key: UInt64
        var call: TrackedCall
        var used: Bool
    }

    private static let empty = Bucket(key: 0, call: TrackedCall(slot: 0, startedAt: .zero, confirmed: false), used: false)
    private var buckets = [Bucket](repeating: CallTable.empty, count: 16)
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { self.count == 0 }

    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: SplitMix64.mix(key)) & mask }

    subscript(key: CallKey) -> TrackedCall? {
        self.buckets.withUnsafeBufferPointer { b in
            let mask = b.count - 1
            var i = Self.home(key.value, mask)
            while b[i].used {
                if b[i].key == key.value { return b[i].call }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Changes the entry for `key` in place, with one probe; false when there is none.
    @discardableResult
    mutating func update(_ key: CallKey, _ body: (inout TrackedCall) -> Void) -> Bool {
        self.buckets.withUnsafeMutableBufferPointer { b in
            let mask = b.count - 1
            var i = Self.home(key.value, mask)
            while b[i].used {
                if b[i].key == key.value {
                    body(&b[i].call)
                    return true
                }
                i = (i + 1) & mask
            }
            return false
        }
    }

    /// Updates the entry for `key` in place, or inserts `new` when there is none,
    /// with one probe. Returns the entry as it was (nil when inserted).
    mutating func upsert(_ key: CallKey, insert new: TrackedCall, update body: (inout TrackedCall) -> Void) -> TrackedCall? {
        if (self.count + 1) * 2 > self.buckets.count { self.grow() }
        let previous = self.buckets.withUnsafeMutableBufferPointer { b -> TrackedCall? in
            let mask = b.count - 1
            var i = Self.home(key.value, mask)
            while b[i].used {
                if b[i].key == key.value {
                    let old = b[i].call
                    body(&b[i].call)
                    return old
                }
                i = (i + 1) & mask
            }
            b[i] = Bucket(key: key.value, call: new, used: true)
            return nil
        }
        if previous == nil { self.count += 1 }
        return previous
    }

    /// Inserts or replaces the entry for `key`.
    mutating func set(_ key: CallKey, _ call: TrackedCall) {
        // At most half full: probe runs stay short for lookups and deletions.
        if (self.count + 1) * 2 > self.buckets.count { self.grow() }
        let added = self.buckets.withUnsafeMutableBufferPointer { b -> Bool in
            let mask = b.count - 1
            var i = Self.home(key.value, mask)
            while b[i].used {
                if b[i].key == key.value {
                    b[i].call = call
                    return false
                }
                i = (i + 1) & mask
            }
            b[i] = Bucket(key: key.value, call: call, used: true)
            return true
        }
        if added { self.count += 1 }
    }

    mutating func removeValue(forKey key: CallKey) -> TrackedCall? {
        let removed = self.buckets.withUnsafeMutableBufferPointer { b -> TrackedCall? in
            let mask = b.count - 1
            var hole = Self.home(key.value, mask)
            while b[hole].used, b[hole].key != key.value { hole = (hole + 1) & mask }
            guard b[hole].used else { return nil }
            let removed = b[hole].call
            // Backward shift: pull later entries of the probe run into the hole,
            // unless their home lies cyclically in (hole, j].
            var j = hole
            while true {
                j = (j + 1) & mask
                guard b[j].used else { break }
                let h = Self.home(b[j].key, mask)
                let stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j)
                if !stays {
                    b[hole] = b[j]
                    hole = j
                }
            }
            b[hole].used = false
            return removed
        }
        if removed != nil { self.count -= 1 }
        return removed
    }

    private mutating func grow() {
        let old = self.buckets
        self.buckets = [Bucket](repeating: Self.empty, count: old.count * 2)
        self.count = 0
        for bucket in old where bucket.used { self.set(CallKey(bucket.key), bucket.call) }
    }

    /// The keys of the entries matching `predicate`, and the earliest start among the others.
    func keys(where predicate: (TrackedCall) -> Bool) -> (matching: [CallKey], earliestOther: Instant?) {
        var found: [CallKey] = []
        var earliest: Instant?
        for bucket in self.buckets where bucket.used {
            if predicate(bucket.call) {
                found.append(CallKey(bucket.key))
            } else {
                earliest = Swift.min(earliest ?? bucket.call.startedAt, bucket.call.startedAt)
            }
        }
        return (found, earliest)
    }
}
