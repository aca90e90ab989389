extension Dispatcher {
    /// Counts the call on `slot`, moving it from another destination if it was
    /// counted there (failover), as `ds_next_dst` moves load with `ds_load_replace`.
    mutating func trackCall(_ key: CallKey, on slot: UInt32, now: Instant) {
        let previous = self.calls.upsert(key, insert: TrackedCall(slot: slot, startedAt: now, confirmed: false)) { call in
            call.slot = slot
            call.confirmed = false
        }
        if let previous {
            guard previous.slot != slot else { return }
            self.destinations[Int(previous.slot)].load -= 1
        } else if self.earliestCallStart == nil {
            self.earliestCallStart = now
        }
        self.destinations[Int(slot)].load += 1
    }

    /// A 2xx confirmed the call (`ds_load_update` on the reply), on `slot`.
    mutating func confirmCall(_ key: CallKey, on slot: UInt32) {
        var moved: UInt32?
        self.calls.update(key) { call in
            if call.slot != slot {
                moved = call.slot
                call.slot = slot
            }
            call.confirmed = true
        }
        if let moved {
            self.destinations[Int(moved)].load -= 1
            self.destinations[Int(slot)].load += 1
        }
    }

    /// Releases the call's load (`ds_load_unset`, or `ds_load_update` on BYE/CANCEL).
    mutating func releaseCall(_ key: CallKey, now: Instant) {
        guard let call = self.calls.removeValue(forKey: key) else { return }
        self.destinations[Int(call.slot)].load -= 1
    }

    /// The call ended (BYE) or was cancelled: its load is released.
    public mutating func callEnded(call: CallKey, now: Instant) {
        self.releaseCall(call, now: now)
    }

    /// How many calls the core is counting.
    public var trackedCalls: Int { self.calls.count }

    /// Drops calls older than `ds_hash_expire`, or unanswered past `ds_hash_initexpire`:
    /// a lost BYE must not pin load forever.
    mutating func expireCalls(now: Instant) {
        let expire = self.configuration.callExpire
        let initExpire = self.configuration.callInitExpire
        // Nothing can be stale before the oldest call reaches the shorter expiry.
        guard let earliest = self.earliestCallStart, now - earliest >= Swift.min(expire, initExpire) else { return }
        let (stale, remaining) = self.calls.keys { call in
            now - call.startedAt >= expire || (!call.confirmed && now - call.startedAt >= initExpire)
        }
        self.earliestCallStart = remaining
        for key in stale {
            guard let call = self.calls.removeValue(forKey: key) else { continue }
            self.destinations[Int(call.slot)].load -= 1
        }
    }
}
