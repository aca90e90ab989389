extension Dispatcher {
    /// `ds_select_dst(set, alg, limit)`: picks a destination and builds the failover
    /// order. Returns nil when nothing in the set can take the request (Kamailio
    /// returns -1 and the script answers 503).
    ///
    /// The request's keys are only read, never stored. `rng` serves algorithm 6,
    /// power-of-two and table shuffles after state changes.
    public mutating func select(
        _ request: RouteRequest, now: Instant, using rng: inout some RandomNumberGenerator
    ) -> Selection? {
        var selection = Selection()
        guard self.select(request, now: now, into: &selection, using: &rng) else { return nil }
        return selection
    }

    /// `select(_:now:using:)` into a selection the driver already holds, replacing
    /// what it held. A driver that keeps its calls' selections in a pool (the
    /// simulator) then copies no selection, and a set larger than the inline
    /// candidate capacity reuses the spilled list's storage instead of allocating
    /// per call. Returns false, leaving `selection` empty, when nothing in the set
    /// can take the request.
    public mutating func select(
        _ request: RouteRequest, now: Instant, into selection: inout Selection,
        using rng: inout some RandomNumberGenerator
    ) -> Bool {
        selection.reset(setID: request.setID, algorithm: request.algorithm)
        guard let s = self.setIndex(of: request.setID), !self.sets[s].members.isEmpty else { return false }
        let panic = self.isPanicking(self.sets[s])
        var limit = request.limit ?? self.configuration.limit
        if limit <= 0 { limit = Int.max }
        var parallel = false
        let found: Bool
        switch request.algorithm {
        case .hashCallID:
            found = self.kamailioRoute(s, hash: KamailioHash.hashTrimmed(request.callID), panic: panic, limit: limit, into: &selection.candidates)
        case .hashFrom, .hashTo, .hashRURI:
            let text = request.algorithm == .hashFrom ? request.fromURI
                : request.algorithm == .hashTo ? request.toURI : request.requestURI
            guard let h = URIHashKey.hash(text, userOnly: self.configuration.hashUserOnly) else { return false }
            found = self.kamailioRoute(s, hash: h, panic: panic, limit: limit, into: &selection.candidates)
        case .roundRobin:
            found = self.roundRobin(s, panic: panic, limit: limit, into: &selection.candidates)
        case .hashAuth:
            if request.authUser.isEmpty {
                found = self.roundRobin(s, panic: panic, limit: limit, into: &selection.candidates)
            } else {
                found = self.kamailioRoute(s, hash: KamailioHash.hash(request.authUser), panic: panic, limit: limit, into: &selection.candidates)
            }
        case .random:
            let h = UInt32(truncatingIfNeeded: rng.next()) >> 1  // rand(): 0 ... 2^31-1
            found = self.kamailioRoute(s, hash: h, panic: panic, limit: limit, into: &selection.candidates)
        case .hashKey:
            guard !request.hashKey.isEmpty else { return false }
            found = self.kamailioRoute(s, hash: KamailioHash.hashTrimmed(request.hashKey), panic: panic, limit: limit, into: &selection.candidates)
        case .serial:
            found = self.kamailioRoute(s, hash: 0, panic: panic, limit: limit, into: &selection.candidates)
        case .weight:
            found = self.kamailioRoute(s, hash: self.nextWeightSlot(s), panic: panic, limit: limit, into: &selection.candidates)
        case .callLoad:
            found = request.isInvite
                ? self.leastCalls(s, panic: panic, limit: limit, into: &selection.candidates)
                : self.kamailioRoute(s, hash: 0, panic: panic, limit: limit, into: &selection.candidates)
        case .relativeWeight:
            found = self.kamailioRoute(s, hash: self.nextRelativeWeightSlot(s, using: &rng), panic: panic, limit: limit, into: &selection.candidates)
        case .parallel:
            parallel = true
            found = self.parallel(s, panic: panic, into: &selection.candidates)
        case .latency:
            found = self.latencyOptimised(s, panic: panic, limit: limit, into: &selection.candidates)
        case .leastUtilisation:
            found = self.leastUtilisation(s, panic: panic, limit: limit, now: now, into: &selection.candidates)
        case .powerOfTwo:
            found = self.powerOfTwo(s, panic: panic, limit: limit, into: &selection.candidates, using: &rng)
        case .rendezvous:
            found = self.rendezvous(s, key: request.callID, panic: panic, limit: limit, now: now, into: &selection.candidates)
        case .weightLive:
            found = self.weightLive(s, panic: panic, limit: limit, now: now, into: &selection.candidates)
        }
        guard found, let first = selection.candidates.first else {
            selection.candidates.removeAll()
            return false
        }
        self.destinations[Int(first.slot)].counters.selected += 1
        selection.isParallel = parallel
        selection.panicked = panic
        return true
    }

    // MARK: Kamailio's pipeline (algorithms 0–9, 11)

    /// `ds_manage_routes`: `i = h mod N`, walk forward past I/D entries, fall back to
    /// the default entry, then build the failover list.
    mutating func kamailioRoute(
        _ s: Int, hash: UInt32, panic: Bool, limit: Int, skipFull: Bool = false, into list: inout CandidateList
    ) -> Bool {
        guard let selected = self.walk(s, from: hash, panic: panic) else { return false }
        self.appendFailoverOrder(s, selected: selected, panic: panic, limit: limit, skipFull: skipFull, into: &list)
        return true
    }

    /// The linear walk of `ds_manage_routes`; returns the selected member position.
    func walk(_ s: Int, from hash: UInt32, panic: Bool) -> Int? {
        self.sets[s].members.withUnsafeBufferPointer { self.walk($0, from: hash, panic: panic) }
    }

    func walk(_ members: UnsafeBufferPointer<UInt32>, from hash: UInt32, panic: Bool) -> Int? {
        let nr = members.count
        let useDefault = self.configuration.useDefault && nr > 1
        let n = useDefault ? nr - 1 : nr
        let start = Int(hash % UInt32(n))
        var i = start
        while !self.isSelectable(members[i], panic: panic) {
            i = i + 1 == n ? 0 : i + 1  // (i + 1) % n, without a division each step
            if i == start {
                guard useDefault, self.isSelectable(members[nr - 1], panic: panic) else { return nil }
                return nr - 1
            }
        }
        return i
    }

    /// The failover order Kamailio stores in `_dsdst_`: the selected entry, the later
    /// indexes, the wrap-around, then the default entry last if there is room.
    /// `limit` counts the selected entry.
    func appendFailoverOrder(
        _ s: Int, selected: Int, panic: Bool, limit: Int, skipFull: Bool, into list: inout CandidateList
    ) {
        self.sets[s].members.withUnsafeBufferPointer {
            self.appendFailoverOrder($0, selected: selected, panic: panic, limit: limit, skipFull: skipFull, into: &list)
        }
    }

    func appendFailoverOrder(
        _ members: UnsafeBufferPointer<UInt32>, selected: Int, panic: Bool, limit: Int, skipFull: Bool,
        into list: inout CandidateList
    ) {
        let nr = members.count
        let useDefault = self.configuration.useDefault && nr > 1
        list.append(members[selected])
        var i = selected + 1
        while list.count < limit {
            if i == nr { i = 0 }
            if i == selected { break }
            let slot = members[i]
            if self.isSelectable(slot, panic: panic), !(useDefault && i == nr - 1), !(skipFull && self.isFull(slot)) {
                list.append(slot)
            }
            i += 1
        }
        if useDefault, selected != nr - 1, list.count < limit {
            list.append(members[nr - 1])
        }
    }

    /// Algorithm 4: `h = last`, then `last = selected + 1` after the walk.
    mutating func roundRobin(_ s: Int, panic: Bool, limit: Int, into list: inout CandidateList) -> Bool {
        let nr = self.sets[s].members.count
        let h = UInt32(self.sets[s].last)
        guard let selected = self.walk(s, from: h, panic: panic) else {
            self.sets[s].last = (Int(h) + 1) % nr
            return false
        }
        self.sets[s].last = selected + 1 == nr ? 0 : selected + 1
        self.appendFailoverOrder(s, selected: selected, panic: panic, limit: limit, skipFull: false, into: &list)
        return true
    }

    /// Algorithm 9: the next entry of the shuffled 100-slot table, 0 when there is none.
    mutating func nextWeightSlot(_ s: Int) -> UInt32 {
        guard !self.sets[s].weightTable.isEmpty else { return 0 }
        let h = self.sets[s].weightTable[self.sets[s].weightCursor]
        self.sets[s].weightCursor = (self.sets[s].weightCursor + 1) % 100
        return UInt32(h)
    }

    /// Algorithm 11: the rweight table, rebuilt over the selectable entries after a
    /// state change; 0 when the set has fewer than two entries.
    mutating func nextRelativeWeightSlot(_ s: Int, using rng: inout some RandomNumberGenerator) -> UInt32 {
        let members = self.sets[s].members
        guard members.count >= 2 else { return 0 }
        if self.sets[s].relativeWeightStale {
            self.sets[s].relativeWeightStale = false
            let rweights = members.map { self.destinations[Int($0)].spec.attributes.rweight }
            let up = members.map { !self.destinations[Int($0)].flags.isSkipped }
            if let table = WeightTable.relativeWeights(rweights, up: up, using: &rng) {
                self.sets[s].relativeWeightTable = table
            }
        }
        guard !self.sets[s].relativeWeightTable.isEmpty else { return 0 }
        let h = self.sets[s].relativeWeightTable[self.sets[s].relativeWeightCursor]
        self.sets[s].relativeWeightCursor = (self.sets[s].relativeWeightCursor + 1) % 100
        return UInt32(h)
    }

    // MARK: Algorithm 10, call load

    /// Whether a destination is at its `maxload`.
    @inline(__always)
    func isFull(_ slot: UInt32) -> Bool {
        let maxload = self.destinations[Int(slot)].spec.attributes.maxload
        return maxload > 0 && self.destinations[Int(slot)].load >= maxload
    }

    /// Algorithm 10: the fewest active calls among selectable entries below `maxload`,
    /// ties to the lowest index; no fallback to the default when none qualifies.
    mutating func leastCalls(_ s: Int, panic: Bool, limit: Int, into list: inout CandidateList) -> Bool {
        var best = -1
        self.sets[s].members.withUnsafeBufferPointer { members in
            var bestLoad = Int.max
            for (i, slot) in members.enumerated() where self.isSelectable(slot, panic: panic) && !self.isFull(slot) {
                let load = self.destinations[Int(slot)].load
                if load < bestLoad {
                    best = i
                    bestLoad = load
                }
            }
        }
        guard best >= 0 else { return false }
        self.appendFailoverOrder(s, selected: best, panic: panic, limit: limit, skipFull: true, into: &list)
        return true
    }

    // MARK: Algorithm 12, parallel

    /// Algorithm 12: the first selectable entry, then every later index as a parallel
    /// branch. Kamailio does not check the later entries' state; neither do we.
    func parallel(_ s: Int, panic: Bool, into list: inout CandidateList) -> Bool {
        guard let first = self.walk(s, from: 0, panic: panic) else { return false }
        let members = self.sets[s].members
        for i in first..<members.count { list.append(members[i]) }
        return true
    }
}
