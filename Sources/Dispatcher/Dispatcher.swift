/// The dispatcher core: Kamailio's dispatcher module as a value-typed state machine.
///
/// Events go in (a request to route, an attempt's outcome, a probe reply, a call
/// ending, an admin command, the passage of time) and decisions come out (an
/// ordered candidate list, the next candidate, probes to send, state changes).
/// It reads no clock, does no I/O and owns no global random source: time is an
/// argument, and randomness comes from a generator the caller passes in. The
/// simulator and live mode are two drivers of this one type.
///
/// ```swift
/// var core = try Dispatcher(list: list, configuration: config, using: &rng)
/// guard var sel = core.select(request, now: now, using: &rng) else { /* 503 */ }
/// let call = CallKey(callID: request.callID)
/// core.attemptStarted(&sel, call: call, now: now)
/// switch core.attemptFailed(&sel, call: call, outcome: .timeout, now: later) { ... }
/// ```
public struct Dispatcher: Sendable {
    public internal(set) var configuration: DispatcherConfiguration
    /// Every destination ever loaded; removed ones stay as tombstones so that calls in
    /// flight can still release their load.
    var destinations: [DestinationRuntime]
    /// Sets by id, each holding its members in index order.
    var sets: [DestinationSetState]
    var setIndexByID: [Int: Int]
    var slotByKey: [DestinationKey: UInt32]
    /// The list as last loaded, for reload diffs and `list`.
    public internal(set) var list: DestinationList
    /// Active calls by Call-ID (Kamailio's `ds_hash_size` table).
    var calls: CallTable
    /// No tracked call started before this (a lower bound), so expiry sweeps can be skipped.
    var earliestCallStart: Instant?
    /// State changes not yet taken by the driver.
    var pendingChanges: [StateChange]
    var nextPingAt: Instant?
    var nextCallCheckAt: Instant
    var nextProbeID: UInt64

    /// Loads a list. Throws when the list names the same destination twice in a set.
    /// `rng` shuffles the weight tables (algorithms 9 and 11), as Kamailio's `rand()` does.
    public init(
        list: DestinationList, configuration: DispatcherConfiguration = DispatcherConfiguration(),
        now: Instant = .zero, using rng: inout some RandomNumberGenerator
    ) throws(ListError) {
        try list.validate()
        self.configuration = configuration
        self.destinations = []
        self.sets = []
        self.setIndexByID = [:]
        self.slotByKey = [:]
        self.list = DestinationList()
        self.calls = CallTable()
        self.earliestCallStart = nil
        self.pendingChanges = []
        self.nextPingAt = configuration.pingInterval > .zero ? now + configuration.pingInterval : nil
        self.nextCallCheckAt = now + configuration.callCheckInterval
        self.nextProbeID = 1
        self.install(list, now: now, using: &rng)
    }

    /// The set ids loaded, ascending.
    public var setIDs: [Int] { self.sets.map(\.setID) }

    /// A set's members in index order.
    public func members(ofSet setID: Int) -> [DestinationHandle] {
        guard let s = self.setIndexByID[setID] else { return [] }
        return self.sets[s].members.map { DestinationHandle(slot: $0) }
    }

    public func uri(of d: DestinationHandle) -> String { self.destinations[Int(d.slot)].spec.uri }
    public func key(of d: DestinationHandle) -> DestinationKey { self.destinations[Int(d.slot)].spec.key }
    public func spec(of d: DestinationHandle) -> DestinationSpec { self.destinations[Int(d.slot)].spec }
    public func state(of d: DestinationHandle) -> StateFlags { self.destinations[Int(d.slot)].flags }
    public func counters(of d: DestinationHandle) -> DestinationCounters { self.destinations[Int(d.slot)].counters }
    public func latency(of d: DestinationHandle) -> LatencyStats { self.destinations[Int(d.slot)].latency }
    /// Attempts sent to the destination that have no final answer yet.
    public func pendingAttempts(on d: DestinationHandle) -> Int { self.destinations[Int(d.slot)].pending }
    /// Calls currently counted on the destination (Kamailio's `DLGLOAD`).
    public func activeCalls(on d: DestinationHandle) -> Int { self.destinations[Int(d.slot)].load }
    /// Whether a reload or `remove` took it out of its set.
    public func isRemoved(_ d: DestinationHandle) -> Bool { self.destinations[Int(d.slot)].removed }

    /// The handle of the destination with this stable key, if it is loaded.
    public func handle(for key: DestinationKey) -> DestinationHandle? {
        guard let slot = self.slotByKey[key], !self.destinations[Int(slot)].removed else { return nil }
        return DestinationHandle(slot: slot)
    }

    /// Every destination loaded now, set by set in index order.
    public var allDestinations: [DestinationHandle] {
        self.sets.flatMap { $0.members.map { DestinationHandle(slot: $0) } }
    }

    /// Takes the state changes that happened since the last call, oldest first.
    public mutating func takeStateChanges() -> [StateChange] {
        guard !self.pendingChanges.isEmpty else { return [] }
        defer { self.pendingChanges.removeAll(keepingCapacity: true) }
        return self.pendingChanges
    }
}

/// A call the core counts load for.
struct TrackedCall: Sendable {
    // Widest first: 13 bytes, so a `CallTable` bucket is 24.
    var startedAt: Instant
    var slot: UInt32
    var confirmed: Bool

    init(slot: UInt32, startedAt: Instant, confirmed: Bool) {
        self.startedAt = startedAt
        self.slot = slot
        self.confirmed = confirmed
    }
}

/// The runtime side of one destination: health, load, counters, latency.
struct DestinationRuntime: Sendable {
    var spec: DestinationSpec
    var flags: StateFlags
    /// `message_count`: consecutive failures (A/T) or successes (I), as in Kamailio.
    var messageCount = 0
    var removed = false
    var load = 0
    /// INVITE attempts sent and not yet answered or failed.
    var pending = 0
    var counters = DestinationCounters()
    var latency: LatencyStats
    /// When it last became selectable, for slow start.
    var upSince: Instant?
    var pendingProbe: (id: UInt64, sentAt: Instant)?
    var passive = PassiveWindow()
    /// Set while a passive ejection waits to be reinstated without probes.
    var ejectedAt: Instant?
    /// Smooth weighted round-robin state for `weight-live`.
    var swrrCurrent = 0.0
    /// Rendezvous seed, from the stable key so list order does not matter.
    let rendezvousSeed: UInt64

    /// Concurrent calls it can hold, for utilisation: `capacity`, else `maxload`, else 1.
    var capacity: Int {
        self.spec.attributes.capacity ?? (self.spec.attributes.maxload > 0 ? self.spec.attributes.maxload : 1)
    }

    init(spec: DestinationSpec) {
        self.spec = spec
        self.flags = spec.flags.intersection(StateFlags.states)
        self.latency = spec.attributes.latency.map { LatencyStats(seedMilliseconds: $0) } ?? LatencyStats()
        self.rendezvousSeed = Rendezvous.seed(for: spec.key)
    }
}
