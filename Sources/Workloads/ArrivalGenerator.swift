/// One arrival: its time and, for trace replay, the recorded duration the
/// simulator should use as the call's holding time.
public struct Arrival: Sendable, Hashable {
    /// Seconds since the start of the run.
    public var time: Double
    /// The trace's duration for this call; nil for synthetic processes, whose
    /// holding times come from the holding-time distribution.
    public var traceDuration: Double?

    public init(time: Double, traceDuration: Double? = nil) {
        self.time = time
        self.traceDuration = traceDuration
    }
}

/// Turns an `ArrivalProcess` into successive arrival times.
///
/// Exact for every process: Poisson gaps are exponential; profiles use
/// Lewis–Shedler thinning segment by segment (candidates at the segment's peak
/// rate, kept with probability λ(t)/peak; a candidate past the segment's end
/// restarts from the end, which memorylessness makes exact); the MMPP draws its
/// state changes on the same stream as its arrivals. All randomness comes from the
/// generator passed to `next(using:)`, so pass the `.arrivals` stream and keep it
/// for this generator alone.
public struct ArrivalGenerator: Sendable {
    /// The process, with trace calls sorted by start time.
    public private(set) var process: ArrivalProcess
    /// The time of the last arrival returned (or the start time).
    public private(set) var now: Double

    private var profileSegment = 0
    private var mmppState: Int?
    private var mmppSwitchTime = 0.0
    private var traceIndex = 0

    /// A generator starting at `start` seconds. Throws if the process is invalid
    /// (see `ArrivalProcess.validated()`). Trace calls are replayed in start-time
    /// order (a stable sort, so ties keep file order); calls before `start` are skipped.
    public init(_ process: ArrivalProcess, start: Double = 0) throws(WorkloadError) {
        guard start.isFinite, start >= 0 else {
            throw WorkloadError("expected a non-negative finite start time, got \(start)")
        }
        self.process = try process.validated()
        self.now = start
        switch process {
        case .profile(let profile):
            self.profileSegment = profile.segmentIndex(containing: start)
        case .trace(let calls):
            let sorted = calls.enumerated()
                .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
                .map(\.element)
            self.process = .trace(sorted)
            self.traceIndex = sorted.firstIndex(where: { $0.start >= start }) ?? sorted.count
        case .poisson, .mmpp:
            break
        }
    }

    /// The next arrival time in seconds, or nil when the process has no more
    /// arrivals (a zero rate from here on, or the end of a trace).
    public mutating func next(using generator: inout some RandomNumberGenerator) -> Double? {
        self.nextArrival(using: &generator)?.time
    }

    /// The next arrival with its trace duration, or nil when there are no more.
    public mutating func nextArrival(using generator: inout some RandomNumberGenerator) -> Arrival? {
        let time: Double?
        switch self.process {
        case .poisson(let rate):
            guard rate > 0 else { return nil }
            time = self.now + generator.nextStandardExponential() / rate
        case .profile(let profile):
            time = self.nextThinned(profile, using: &generator)
        case .mmpp(let mmpp):
            time = self.nextModulated(mmpp, using: &generator)
        case .trace(let calls):
            guard self.traceIndex < calls.count else { return nil }
            let call = calls[self.traceIndex]
            self.traceIndex += 1
            self.now = call.start
            return Arrival(time: call.start, traceDuration: call.duration)
        }
        guard let time else { return nil }
        self.now = time
        return Arrival(time: time)
    }

    private mutating func nextThinned(_ profile: RateProfile, using generator: inout some RandomNumberGenerator) -> Double? {
        var t = self.now
        while self.profileSegment < profile.segmentCount {
            let segment = profile.segment(self.profileSegment)
            let peak = max(segment.startRate, segment.endRate)
            if peak > 0 {
                let candidate = t + generator.nextStandardExponential() / peak
                if candidate < segment.end {
                    t = candidate
                    // Compare u·peak < λ(t) rather than u < λ/peak: no division, and
                    // a constant segment accepts every candidate without a draw.
                    let rate = segment.rate(at: t)
                    if rate >= peak || generator.nextOpenUnit() * peak < rate {
                        return t
                    }
                    continue
                }
            }
            guard segment.end.isFinite else { return nil }
            t = segment.end
            self.profileSegment += 1
        }
        return nil
    }

    private mutating func nextModulated(_ mmpp: MMPP, using generator: inout some RandomNumberGenerator) -> Double? {
        var state: Int
        if let current = self.mmppState {
            state = current
        } else {
            state = generator.nextOpenUnit() < mmpp.stationaryProbability1 ? 1 : 2
            self.mmppSwitchTime = self.now + Self.sojourn(mmpp, state, using: &generator)
        }
        defer { self.mmppState = state }
        guard mmpp.rate1 > 0 || mmpp.rate2 > 0 else { return nil }
        var t = self.now
        while true {
            let rate = state == 1 ? mmpp.rate1 : mmpp.rate2
            if rate > 0 {
                let candidate = t + generator.nextStandardExponential() / rate
                if candidate < self.mmppSwitchTime { return candidate }
            }
            t = self.mmppSwitchTime
            state = 3 - state
            self.mmppSwitchTime = t + Self.sojourn(mmpp, state, using: &generator)
        }
    }

    private static func sojourn(_ mmpp: MMPP, _ state: Int, using generator: inout some RandomNumberGenerator) -> Double {
        (state == 1 ? mmpp.meanSojourn1 : mmpp.meanSojourn2) * generator.nextStandardExponential()
    }
}
