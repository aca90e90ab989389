extension Dispatcher {
    /// Counts the call on `slot`, moving it from another destination if it was
    /// counted there (failover), as `ds_next_dst` moves load with `ds_load_replace`.
    mutating func trackCall(_ key: CallKey, on slot: UInt32, now: Instant) {
        if let previous = self.calls[key] {
            guard previous.slot != slot else { return }
            self.destinations[Int(previous.slot)].load -= 1
            self.calls[key] = TrackedCall(slot: slot, startedAt: previous.startedAt, confirmed: false)
        } else {
            self.calls[key] = TrackedCall(slot: slot, startedAt: now, confirmed: false)
        }
        self.destinations[Int(slot)].load += 1
    }

    /// A 2xx confirmed the call (`ds_load_update` on the reply).
    mutating func confirmCall(_ key: CallKey, on slot: UInt32) {
        guard var call = self.calls[key] else { return }
        if call.slot != slot {
            self.destinations[Int(call.slot)].load -= 1
            self.destinations[Int(slot)].load += 1
            call.slot = slot
        }
        call.confirmed = true
        self.calls[key] = call
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
        let stale = self.calls.filter { _, call in
            now - call.startedAt >= expire || (!call.confirmed && now - call.startedAt >= initExpire)
        }
        for (key, call) in stale {
            self.calls.removeValue(forKey: key)
            self.destinations[Int(call.slot)].load -= 1
        }
    }
}
