/// How one attempt (an INVITE to one destination) ended without an answer.
public enum AttemptOutcome: Hashable, Sendable {
    /// No final reply within `invite_timeout`.
    case timeout
    /// A final non-2xx reply.
    case reply(code: Int)
}

/// What the driver does after a failed attempt.
public enum OnAttemptFailed: Hashable, Sendable {
    /// Send the INVITE to this destination next (`ds_next_dst`).
    case failover(to: DestinationHandle)
    /// Stop: relay the final reply (or a 408/503 of the proxy's own) to the caller.
    case giveUp
}

extension Dispatcher {
    /// An INVITE went to the selection's current candidate. Counts the attempt and
    /// moves the call's load to it, so loads stay consistent across failover.
    public mutating func attemptStarted(_ selection: inout Selection, call: CallKey, now: Instant) {
        selection.attempts += 1
        self.attemptStarted(call: call, on: selection.current, now: now)
    }

    /// The same for a destination given directly, e.g. a parallel branch (algorithm 12).
    public mutating func attemptStarted(call: CallKey, on destination: DestinationHandle, now: Instant) {
        self.destinations[Int(destination.slot)].counters.attempts += 1
        self.destinations[Int(destination.slot)].pending += 1
        self.trackCall(call, on: destination.slot, now: now)
    }

    /// The current attempt failed. Counts it, feeds passive health, marks the
    /// destination as `ds_mark_dst` would when the outcome fails over, and returns
    /// the next candidate or tells the driver to give up.
    ///
    /// Kamailio's list is a snapshot; with `reevaluateOnFailover` candidates that
    /// went down since the selection are skipped.
    public mutating func attemptFailed(
        _ selection: inout Selection, call: CallKey, outcome: AttemptOutcome, now: Instant
    ) -> OnAttemptFailed {
        let slot = selection.current.slot
        let failsOver = self.recordFailure(slot, outcome: outcome, now: now)
        let policy = self.configuration.failover
        if failsOver, selection.attempts < policy.maxAttempts, !selection.isParallel, !selection.panicked {
            var next = selection.position + 1
            if self.configuration.reevaluateOnFailover {
                while next < selection.candidates.count,
                      self.destinations[Int(selection.candidates[next].slot)].flags.isSkipped { next += 1 }
            }
            if next < selection.candidates.count {
                self.destinations[Int(slot)].counters.failedOverFrom += 1
                selection.position = next
                return .failover(to: selection.candidates[next])
            }
        }
        self.releaseCall(call, now: now)
        return .giveUp
    }

    /// A parallel branch (or any attempt outside a selection) failed: counts and
    /// health only. Returns whether the outcome is one that fails over.
    @discardableResult
    public mutating func branchFailed(_ destination: DestinationHandle, outcome: AttemptOutcome, now: Instant) -> Bool {
        self.recordFailure(destination.slot, outcome: outcome, now: now)
    }

    /// A 2xx answered the call on `destination`: the load is confirmed, and the
    /// success feeds passive health.
    public mutating func callAnswered(call: CallKey, on destination: DestinationHandle, now: Instant) {
        let i = Int(destination.slot)
        self.destinations[i].counters.answered += 1
        self.destinations[i].pending = Swift.max(0, self.destinations[i].pending - 1)
        if self.configuration.passive.isEnabled {
            _ = self.destinations[i].passive.record(failed: false, now: now, window: self.configuration.passive.window)
        }
        self.confirmCall(call, on: destination.slot)
    }

    /// Counts a failure and applies marking and passive health. Returns whether
    /// the outcome is one that fails over.
    @discardableResult
    mutating func recordFailure(_ slot: UInt32, outcome: AttemptOutcome, now: Instant) -> Bool {
        let i = Int(slot)
        self.destinations[i].pending = Swift.max(0, self.destinations[i].pending - 1)
        let policy = self.configuration.failover
        let failsOver: Bool
        let cause: StateChangeCause
        switch outcome {
        case .timeout:
            self.destinations[i].counters.timedOut += 1
            failsOver = policy.onTimeout
            cause = .callTimeout
        case .reply(let code):
            self.destinations[i].counters.rejected += 1
            failsOver = policy.failsOver(code: code)
            cause = .callFailure(code: code)
        }
        guard failsOver else { return false }
        if let mark = self.configuration.markOnFailure, !self.destinations[i].flags.contains(.disabled), self.mayTakeOut(slot) {
            self.updateState(slot, target: mark, cause: cause, now: now)
        }
        self.recordPassiveFailure(slot, now: now)
        return true
    }

    /// With a panic threshold, real-traffic failures (marking and passive health)
    /// may not take a destination out when that would leave fewer than the
    /// threshold's fraction of the set up. Under overload, a few lost datagrams time
    /// out calls on healthy destinations; Kamailio then marks them all down and
    /// answers 503 to everything. Probes and the admin can still take any out.
    func mayTakeOut(_ slot: UInt32) -> Bool {
        let threshold = self.configuration.panicThreshold
        guard threshold > 0, !self.destinations[Int(slot)].flags.isSkipped,
              let s = self.setIndex(of: self.destinations[Int(slot)].spec.setID) else { return true }
        return Double(self.sets[s].upCount - 1) >= threshold * Double(self.sets[s].enabledCount)
    }

    /// Passive health: too many consecutive failures, or too high an error ratio
    /// over the window, takes a selectable destination out (inactive + probing, so
    /// probes can bring it back; without probing it is reinstated after a while).
    mutating func recordPassiveFailure(_ slot: UInt32, now: Instant) {
        let passive = self.configuration.passive
        guard passive.isEnabled else { return }
        let i = Int(slot)
        let (attempts, failures) = self.destinations[i].passive.record(failed: true, now: now, window: passive.window)
        guard !self.destinations[i].flags.isSkipped, self.mayTakeOut(slot) else { return }
        var cause: StateChangeCause?
        if passive.consecutiveFailures > 0, self.destinations[i].passive.consecutiveFailures >= passive.consecutiveFailures {
            cause = .consecutiveFailures(self.destinations[i].passive.consecutiveFailures)
        } else if passive.errorRatio > 0, attempts >= passive.minimumAttempts,
                  Double(failures) >= passive.errorRatio * Double(attempts) {
            cause = .errorRatio(Double(failures) / Double(attempts))
        }
        guard let cause else { return }
        self.setFlags(slot, to: [.inactive, .probing], cause: cause, now: now)
        self.destinations[i].passive.reset()
        self.destinations[i].ejectedAt = now
    }
}
