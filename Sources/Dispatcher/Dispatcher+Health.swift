extension Dispatcher {
    /// Kamailio's `ds_update_state`: the one state machine behind keepalive results
    /// and `ds_mark_dst`. `target` is the state asked for (0 = up, T = a failure,
    /// I or D directly); the thresholds turn repeated T into I and repeated
    /// successes on an I entry back into A.
    mutating func updateState(_ slot: UInt32, target: StateFlags, cause: StateChangeCause, now: Instant) {
        let i = Int(slot)
        let old = self.destinations[i].flags
        var state = target.intersection(StateFlags.states)
        let initial = state
        // Inactive and told "trying": it stays inactive; it must become active first.
        if state.contains(.trying), old.contains(.inactive) {
            state.remove(.trying)
            state.insert(.inactive)
        }
        var new = old.subtracting(StateFlags.states)
        new.formUnion(state.contains(.disabled) ? .disabled : state)
        var count = self.destinations[i].messageCount
        if state.contains(.trying) {
            count += 1
            if count >= self.configuration.probingThreshold {
                new.remove(.trying)
                new.insert(.inactive)
                count = 0
            }
        } else if !initial.contains(.trying), old.contains(.inactive) {
            count += 1
            if count < self.configuration.inactiveThreshold {
                new.insert(.inactive)
                if old.contains(.probing) { new.insert(.probing) }
            } else {
                count = 0
            }
        } else {
            count = 0
        }
        self.destinations[i].messageCount = count
        self.apply(slot, from: old, to: new, cause: cause, now: now)
    }

    /// Sets the state bits directly, as `dispatcher.set_state` and a reload do:
    /// no thresholds, but (unlike Kamailio) the change is still reported.
    mutating func setFlags(_ slot: UInt32, to flags: StateFlags, cause: StateChangeCause, now: Instant) {
        let i = Int(slot)
        let old = self.destinations[i].flags
        self.destinations[i].messageCount = 0
        self.apply(slot, from: old, to: old.subtracting(StateFlags.states).union(flags), cause: cause, now: now)
    }

    /// Stores the new bits and reports a change of base state (A/T/I/D).
    private mutating func apply(_ slot: UInt32, from old: StateFlags, to new: StateFlags, cause: StateChangeCause, now: Instant) {
        let i = Int(slot)
        self.destinations[i].flags = new
        if old.isSkipped, !new.isSkipped {
            self.destinations[i].upSince = now
            self.destinations[i].ejectedAt = nil
        }
        if old.isSkipped != new.isSkipped || old.contains(.disabled) != new.contains(.disabled),
           let s = self.setIndexByID[self.destinations[i].spec.setID], !self.destinations[i].removed {
            self.recount(set: s)
        }
        if old.baseLetter != new.baseLetter {
            let spec = self.destinations[i].spec
            self.pendingChanges.append(StateChange(
                time: now, destination: DestinationHandle(slot: slot), key: spec.key, uri: spec.uri,
                from: old, to: new, cause: cause))
        }
    }

    /// Whether selection may use the destination. In panic mode (too few of the
    /// set's destinations up) every destination that is not disabled qualifies.
    @inline(__always)
    func isSelectable(_ slot: UInt32, panic: Bool) -> Bool {
        let f = self.destinations[Int(slot)].flags
        let maxPending = self.configuration.maxPending
        if maxPending > 0, self.destinations[Int(slot)].pending >= maxPending { return false }
        return panic ? !f.contains(.disabled) : !f.isSkipped
    }

    /// Panic routing: fewer than `panicThreshold` of the enabled destinations are up.
    func isPanicking(_ set: DestinationSetState) -> Bool {
        let threshold = self.configuration.panicThreshold
        guard threshold > 0, set.enabledCount > 0 else { return false }
        return Double(set.upCount) < threshold * Double(set.enabledCount)
    }

    /// Slow start: the fraction of its full share a destination gets, ramping
    /// linearly from 10% to 100% over `slowStart` after it came back up.
    func rampFactor(_ slot: UInt32, now: Instant) -> Double {
        let span = self.configuration.slowStart
        guard span > .zero, let since = self.destinations[Int(slot)].upSince else { return 1 }
        let elapsed = (now - since).seconds / span.seconds
        return elapsed >= 1 ? 1 : Swift.max(0.1, elapsed)
    }
}
