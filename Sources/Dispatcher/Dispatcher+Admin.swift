/// An admin command that could not be carried out; nothing was changed.
public struct AdminError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { self.message }
}

/// One destination as `dispatcher.list` shows it, plus what Kamailio does not show:
/// counters and the stable key.
public struct DestinationStatus: Hashable, Sendable {
    public var handle: DestinationHandle
    public var key: DestinationKey
    public var setID: Int
    public var uri: String
    public var flags: StateFlags
    public var priority: Int
    public var attributes: DestinationAttributes
    public var activeCalls: Int
    public var counters: DestinationCounters
    public var latency: LatencyStats
}

extension Dispatcher {
    /// `dispatcher.list`: every set in index order.
    public func status() -> [DestinationStatus] {
        self.allDestinations.map { self.status(of: $0) }
    }

    public func status(of d: DestinationHandle) -> DestinationStatus {
        let r = self.destinations[Int(d.slot)]
        return DestinationStatus(
            handle: d, key: r.spec.key, setID: r.spec.setID, uri: r.spec.uri, flags: r.flags,
            priority: r.spec.priority, attributes: r.spec.attributes, activeCalls: r.load,
            counters: r.counters, latency: r.latency)
    }

    /// `dispatcher.set_state state group address|all`: sets the state directly (no
    /// thresholds). `id` is a duid or URI; nil means every destination in the set.
    public mutating func setState(_ flags: StateFlags, setID: Int, id: String?, now: Instant) throws(AdminError) {
        guard let s = self.setIndexByID[setID] else { throw AdminError("no set \(setID)") }
        let targets = self.sets[s].members.filter { slot in
            id.map { $0 == self.destinations[Int(slot)].spec.key.id || $0 == self.destinations[Int(slot)].spec.uri } ?? true
        }
        guard !targets.isEmpty else { throw AdminError("no destination '\(id ?? "")' in set \(setID)") }
        for slot in targets { self.setFlags(slot, to: flags.intersection(StateFlags.states), cause: .admin, now: now) }
    }

    /// `dispatcher.reload`: installs a new list, keyed by stable id, keeping the
    /// health, loads, counters and latency of destinations that stay. A list with
    /// duplicate keys is refused and the old one stays.
    public mutating func reload(
        _ list: DestinationList, now: Instant, using rng: inout some RandomNumberGenerator
    ) throws(ListError) {
        try list.validate()
        self.install(list, now: now, using: &rng)
    }

    /// `dispatcher.add group address [flags [priority [attrs]]]`.
    public mutating func add(
        _ spec: DestinationSpec, now: Instant, using rng: inout some RandomNumberGenerator
    ) throws(AdminError) {
        guard self.handle(for: spec.key) == nil else {
            throw AdminError("destination '\(spec.key.id)' already in set \(spec.setID)")
        }
        var list = self.list
        list.entries.append(spec)
        self.install(list, now: now, using: &rng)
    }

    /// `dispatcher.remove group address`: by duid or URI. Calls in flight keep
    /// their handle and release their load when they end.
    public mutating func remove(
        setID: Int, id: String, now: Instant, using rng: inout some RandomNumberGenerator
    ) throws(AdminError) {
        var list = self.list
        let before = list.entries.count
        list.entries.removeAll { $0.setID == setID && ($0.key.id == id || $0.uri == id) }
        guard list.entries.count < before else { throw AdminError("no destination '\(id)' in set \(setID)") }
        self.install(list, now: now, using: &rng)
    }
}
