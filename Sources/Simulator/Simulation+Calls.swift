import Dispatcher
import Reports
import Workloads

extension Simulation {
    /// A call arrives: the next arrival is scheduled, the core selects, and the
    /// first INVITE goes out.
    mutating func arrive(now: Int64, traceHolding: Int64, template: borrowing RouteRequest) {
        self.scheduleNextArrival()
        // The holding time is drawn for every call in arrival order, so every
        // algorithm sees the same holding times (common random numbers).
        let drawn = nanoseconds(self.holding.sample(using: &self.holdingStream))
        let holding = traceHolding >= 0 ? traceHolding : drawn
        let counted = now >= self.warmup
        if counted { self.summary.offered += 1 }
        self.nextCallNumber += 1
        // The call takes its place in the pool first, so the core selects straight
        // into the record's selection.
        let call = self.calls.insert(key: CallKey(self.nextCallNumber), arrival: now, holding: holding, counted: counted)
        let found: Bool
        if var population = self.population {
            let identity = population.nextCall(using: &self.callerStream)
            self.population = population
            var request = copy template
            request.callID = identity.callID
            request.fromURI = identity.from
            request.toURI = identity.to
            request.requestURI = identity.to
            request.hashKey = identity.callID
            found = self.core.select(request, now: Instant(nanoseconds: now), into: &self.calls[call].selection, using: &self.coreStream)
        } else {
            found = self.core.select(
                template, now: Instant(nanoseconds: now), into: &self.calls[call].selection, using: &self.coreStream)
        }
        guard found else {
            self.calls.remove(call)
            if counted { self.summary.blocked += 1 }
            self.callLog?.record(arrival: now, destination: nil, attempts: 0, answeredAt: nil, holding: nil, counted: counted)
            return
        }
        self.sendAttempt(call, now: now)
    }

    /// Draws the next arrival, unless it falls after the end. Arrivals stay out of
    /// the event queue: there is only ever one pending, and the run loop merges it.
    mutating func scheduleNextArrival() {
        self.pendingArrival = nil
        guard let next = self.arrivals.nextArrival(using: &self.arrivalStream) else { return }
        let t = nanoseconds(next.time)
        guard t < self.end else { return }
        self.pendingArrival = (t, next.traceDuration.map(nanoseconds) ?? -1)
    }

    /// Sends an INVITE to the selection's current candidate. The server model
    /// decides its answer now; only the event that will really happen (the reply,
    /// or the timeout when no reply comes in time) goes into the queue.
    mutating func sendAttempt(_ call: Int32, now: Int64) {
        self.core.attemptStarted(&self.calls[call].selection, call: self.calls[call].key, now: Instant(nanoseconds: now))
        let s = Int(self.serverBySlot[Int(self.calls[call].selection.current.slot)])
        let counted = self.calls[call].counted
        let answer = self.servers[s].answer(at: now, counted: counted, delays: &self.delayStream, errors: &self.errorStream)
        let attempt = self.calls[call].attempt &+ 1
        self.calls[call].attempt = attempt
        self.calls[call].server = Int32(s)
        self.calls[call].holdsChannel = answer.code == 200
        if counted {
            self.summary.attempts += 1
            if answer.dead { self.summary.sentToDead += 1 }
        }
        if answer.code == 200 { self.balance.change(s, by: 1, at: now) }
        if let code = answer.code, answer.delay < self.inviteTimeout {
            self.queue.schedule(
                .reply(call: call, attempt: attempt, code: Int16(code)), at: Instant(nanoseconds: now + answer.delay), lane: .replies)
        } else {
            self.queue.schedule(
                .timeout(call: call, attempt: attempt), at: Instant(nanoseconds: now + self.inviteTimeout), lane: .timeouts)
        }
    }

    /// The destination's final reply.
    mutating func reply(_ call: Int32, attempt: UInt32, code: Int, now: Int64) {
        guard self.calls[call].attempt == attempt else { return }
        let s = Int(self.calls[call].server)
        if (200...299).contains(code) {
            let key = self.calls[call].key
            let arrival = self.calls[call].arrival
            let holding = self.calls[call].holding
            let counted = self.calls[call].counted
            let attempts = self.calls[call].selection.attempts
            self.core.callAnswered(call: key, on: self.handles[s], now: Instant(nanoseconds: now))
            if counted {
                self.summary.answered += 1
                self.servers[s].metrics.answered += 1
                if attempts > 1 { self.summary.failedOver += 1 }
                self.setupDelays.record(nanoseconds: now - arrival)
            }
            self.callLog?.record(arrival: arrival, destination: self.servers[s].model.name, attempts: attempts,
                                 answeredAt: now, holding: holding, counted: counted)
            self.queue.schedule(.hangup(call: call), at: Instant(nanoseconds: now + holding))
            return
        }
        if self.calls[call].counted { self.servers[s].metrics.rejected += 1 }
        self.attemptFailed(call, outcome: .reply(code: code), now: now)
    }

    /// No final reply within `invite_timeout`: the proxy cancels the attempt.
    mutating func timeout(_ call: Int32, attempt: UInt32, now: Int64) {
        guard self.calls[call].attempt == attempt else { return }
        let s = Int(self.calls[call].server)
        if self.calls[call].counted { self.servers[s].metrics.timeouts += 1 }
        if self.calls[call].holdsChannel {
            self.release(s, now: now)
            self.calls[call].holdsChannel = false
        }
        self.attemptFailed(call, outcome: .timeout, now: now)
    }

    /// Asks the core what to do after a failed attempt, and does it.
    mutating func attemptFailed(_ call: Int32, outcome: AttemptOutcome, now: Int64) {
        let decision = self.core.attemptFailed(
            &self.calls[call].selection, call: self.calls[call].key, outcome: outcome, now: Instant(nanoseconds: now))
        self.collectStateChanges()
        switch decision {
        case .failover:
            self.sendAttempt(call, now: now)
        case .giveUp:
            let counted = self.calls[call].counted
            let attempts = self.calls[call].selection.attempts
            if counted {
                self.summary.blocked += 1
                if attempts > 1 { self.summary.failedOver += 1 }
            }
            self.callLog?.record(arrival: self.calls[call].arrival, destination: nil, attempts: attempts,
                                 answeredAt: nil, holding: nil, counted: counted)
            self.calls.remove(call)
        }
        self.scheduleWake()
    }

    /// The caller hangs up: the channel is released and the core's load with it.
    mutating func hangup(_ call: Int32, now: Int64) {
        self.release(Int(self.calls[call].server), now: now)
        self.core.callEnded(call: self.calls[call].key, now: Instant(nanoseconds: now))
        self.calls.remove(call)
    }

    mutating func release(_ s: Int, now: Int64) {
        self.balance.change(s, by: -1, at: now)
        self.servers[s].release(at: now)
    }
}

/// Seconds (non-negative, from a distribution) to whole nanoseconds, rounding
/// half up without a libm call on every event.
@inline(__always)
func nanoseconds(_ seconds: Double) -> Int64 {
    Int64(seconds * 1e9 + 0.5)
}
