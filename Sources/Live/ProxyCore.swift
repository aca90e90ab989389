import Dispatcher
import Reports
import SIP

/// What the proxy core asks its driver to do.
public enum ProxyAction: Sendable, Equatable {
    /// Send these bytes in one datagram.
    case send([UInt8], to: PeerAddress)
    /// Call `timerFired(_:now:)` with this timer at this time (stale timers are ignored).
    case schedule(ProxyTimer, at: Instant)
}

/// The proxy's timers.
public enum ProxyTimer: Hashable, Sendable {
    /// `invite_timeout` for the attempt with this branch.
    case inviteTimeout(branch: String)
    /// RFC 3261 Timer A: retransmit the INVITE of this branch; `interval` doubles.
    case retransmit(branch: String, interval: Int64)
    /// The dispatcher core has timed work (probes, expiry).
    case dispatcher
    /// Forget finished transactions.
    case sweep
}

/// Call outcomes counted by the proxy, for the live summary row.
public struct LiveStats: Sendable {
    /// Initial INVITEs received (retransmissions not counted).
    public var offered = 0
    public var answered = 0
    /// Calls that got a final non-2xx answer from the proxy or a destination.
    public var blocked = 0
    /// Calls that took more than one attempt.
    public var failedOver = 0
    /// INVITE received to 2xx relayed.
    public var setupDelays = SetupDelayHistogram()

    public init() {}
}

/// Messages seen and sent, counted for `GET /metrics`.
public struct Traffic: Sendable {
    public var requests = 0
    public var responses = 0
    /// Requests sent on, by method.
    public var forwarded: [String: Int] = [:]
    public var probeReplies = 0
    public var probeFailures = 0
    /// Calls refused at once with 503 (no destination).
    public var rejected503 = 0

    public init() {}
}

/// The SIP proxy as a state machine: datagrams and timers in, datagrams and
/// timers out. It wraps the dispatcher core, which chooses destinations, fails
/// over and keeps health; the proxy adds SIP: transactions, Via, Record-Route,
/// Route, CANCEL, ACK, and OPTIONS probes. It does no I/O and reads no clock, so
/// the same code runs behind NIO sockets and in tests.
public struct ProxyCore: Sendable {
    public private(set) var configuration: ProxyConfiguration
    public internal(set) var dispatcher: Dispatcher
    var rng: SplitMix64
    /// INVITE server transactions by the caller's top Via branch.
    var servers: [String: ServerTransaction] = [:]
    /// Our client branches (INVITE attempts) → the caller's branch.
    var clients: [String: ClientAttempt] = [:]
    /// Our OPTIONS probes by branch.
    var probes: [String: ProbeRequest] = [:]
    /// Requests forwarded without a transaction, by our branch: where their responses go.
    var forwarded: [String: (source: PeerAddress, expires: Instant)] = [:]
    /// Finished transactions and forwarded requests, and when to forget them, oldest
    /// first (they are appended with the same delay, so the order is by time).
    var lingering: [(branch: String, forwarded: Bool, at: Instant)] = []
    /// How many of `servers` are finished and only lingering.
    var lingeringServers = 0
    var lingeringHead = 0
    var scheduledWake: Instant?
    var sweepScheduled = false
    /// Datagrams that did not parse (counted and dropped).
    public private(set) var malformed = 0
    /// Call outcomes for the live run's summary.
    public internal(set) var stats = LiveStats()
    /// Message counts for the metrics endpoint.
    public internal(set) var traffic = Traffic()

    public init(configuration: ProxyConfiguration, dispatcher: Dispatcher, seed: UInt64) {
        self.configuration = configuration
        self.dispatcher = dispatcher
        self.rng = SplitMix64(seed: seed)
    }

    /// Replaces the dispatcher configuration's list (SIGHUP, admin reload).
    public mutating func reload(_ list: DestinationList, now: Instant) throws(ListError) {
        try self.dispatcher.reload(list, now: now, using: &self.rng)
    }

    /// Sets a destination's state from the admin API.
    public mutating func setState(_ flags: StateFlags, setID: Int, id: String, now: Instant) throws(AdminError) {
        try self.dispatcher.setState(flags, setID: setID, id: id, now: now)
    }

    /// The first actions after start: the dispatcher's first wake-up.
    public mutating func start(now: Instant) -> [ProxyAction] {
        var out: [ProxyAction] = []
        self.scheduleDispatcherWake(into: &out)
        return out
    }

    /// One datagram from `source`.
    public mutating func receive(_ bytes: [UInt8], from source: PeerAddress, now: Instant) -> [ProxyAction] {
        var out: [ProxyAction] = []
        guard let message = try? SIPMessage(datagram: bytes), (try? message.validate()) != nil else {
            self.malformed += 1
            return out
        }
        if message.isRequest {
            self.traffic.requests += 1
            self.request(message, from: source, now: now, into: &out)
        } else {
            self.traffic.responses += 1
            self.response(message, from: source, now: now, into: &out)
        }
        self.scheduleDispatcherWake(into: &out)
        return out
    }

    /// A stream that could not be framed (TCP): counted like a malformed datagram.
    public mutating func countMalformed() { self.malformed += 1 }

    /// A timer the driver scheduled is due.
    public mutating func timerFired(_ timer: ProxyTimer, now: Instant) -> [ProxyAction] {
        var out: [ProxyAction] = []
        switch timer {
        case .inviteTimeout(let branch): self.inviteTimedOut(branch, now: now, into: &out)
        case .retransmit(let branch, let interval): self.retransmit(branch, interval: interval, now: now, into: &out)
        case .dispatcher:
            self.scheduledWake = nil
            self.sendProbes(self.dispatcher.tick(now: now), now: now, into: &out)
        case .sweep:
            self.sweepScheduled = false
            self.sweep(now: now, into: &out)
        }
        self.scheduleDispatcherWake(into: &out)
        return out
    }

    /// Health changes since the last call, for logs, metrics and events.csv.
    public mutating func takeStateChanges() -> [StateChange] { self.dispatcher.takeStateChanges() }

    /// Transactions in progress, not counting finished ones that linger to absorb
    /// retransmissions (for metrics).
    public var activeTransactions: Int { self.servers.count - self.lingeringServers }

    mutating func scheduleDispatcherWake(into out: inout [ProxyAction]) {
        guard let next = self.dispatcher.nextWakeUp else { return }
        if let scheduled = self.scheduledWake, scheduled <= next { return }
        self.scheduledWake = next
        out.append(.schedule(.dispatcher, at: next))
    }

    /// Keeps a finished transaction for `linger` to absorb retransmissions.
    mutating func linger(_ branch: String, now: Instant, into out: inout [ProxyAction]) {
        if var server = self.servers[branch] {
            for attempt in server.attemptBranches { self.clients[attempt]?.compact() }
            server.compact()
            if !server.lingering {
                server.lingering = true
                self.lingeringServers += 1
            }
            self.servers[branch] = server
        }
        self.forget(branch, forwarded: false, at: now + self.configuration.linger, into: &out)
    }

    /// Queues `branch` to be forgotten at `at`, and a sweep if none is queued.
    mutating func forget(_ branch: String, forwarded: Bool, at: Instant, into out: inout [ProxyAction]) {
        self.lingering.append((branch, forwarded, at))
        if !self.sweepScheduled {
            self.sweepScheduled = true
            out.append(.schedule(.sweep, at: at))
        }
    }

    /// Forgets what is due. Sweeps run at most once a second, so their cost does not
    /// grow with the call rate.
    mutating func sweep(now: Instant, into out: inout [ProxyAction]) {
        while self.lingeringHead < self.lingering.count, self.lingering[self.lingeringHead].at <= now {
            let entry = self.lingering[self.lingeringHead]
            if entry.forwarded {
                // A retransmission may have renewed it since.
                if let f = self.forwarded[entry.branch], f.expires <= now { self.forwarded.removeValue(forKey: entry.branch) }
            } else if let server = self.servers.removeValue(forKey: entry.branch) {
                for attempt in server.attemptBranches { self.clients.removeValue(forKey: attempt) }
                if server.lingering { self.lingeringServers -= 1 }
            }
            self.lingeringHead += 1
        }
        if self.lingeringHead > 4096, self.lingeringHead * 2 > self.lingering.count {
            self.lingering.removeFirst(self.lingeringHead)
            self.lingeringHead = 0
        }
        if self.lingeringHead < self.lingering.count {
            self.sweepScheduled = true
            let next = Swift.max(self.lingering[self.lingeringHead].at, now + .seconds(1))
            out.append(.schedule(.sweep, at: next))
        }
    }

    /// A fresh RFC 3261 branch.
    mutating func newBranch() -> String { SIPBranch.make(using: &self.rng) }
}
