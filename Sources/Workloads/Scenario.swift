import Dispatcher

/// One scenario file, read and checked: what the simulator runs and what
/// `dispatchlab check` prints back with every default filled in.
///
/// Times are `TimeSpan`s from the start of the simulated run; distributions are
/// in seconds. Hashable so that a file read back from `expandedYAML()` can be
/// compared with the scenario it came from.
public struct Scenario: Sendable, Hashable {
    public var name: String
    public var seed: UInt64
    /// Simulated time, warm-up included.
    public var duration: TimeSpan
    /// Excluded from statistics.
    public var warmup: TimeSpan
    public var replications: Int
    public var reportInterval: TimeSpan
    /// The algorithms compared, all seeing the same calls and faults.
    public var algorithms: [Algorithm]
    /// The set every call is routed over.
    public var setID: Int
    public var destinations: [DestinationModel]
    public var workload: WorkloadModel
    /// Probing, failover, marking and the health features, as the core takes them.
    public var dispatcher: DispatcherConfiguration
    public var faults: [Fault]

    public init(
        name: String, seed: UInt64 = 1, duration: TimeSpan, warmup: TimeSpan = .zero, replications: Int = 1,
        reportInterval: TimeSpan = .seconds(10), algorithms: [Algorithm], setID: Int = 1,
        destinations: [DestinationModel], workload: WorkloadModel,
        dispatcher: DispatcherConfiguration = DispatcherConfiguration(), faults: [Fault] = []
    ) {
        self.name = name
        self.seed = seed
        self.duration = duration
        self.warmup = warmup
        self.replications = replications
        self.reportInterval = reportInterval
        self.algorithms = algorithms
        self.setID = setID
        self.destinations = destinations
        self.workload = workload
        self.dispatcher = dispatcher
        self.faults = faults
    }

    /// The destination list the core loads.
    public var destinationList: DestinationList {
        DestinationList(entries: self.destinations.map(\.spec))
    }
}

/// A destination as the simulator models it: the list entry the core sees, and
/// how the server behind it behaves.
public struct DestinationModel: Sendable, Hashable {
    /// The entry as in a `dispatcher.list` (URI, priority, weight, maxload, duid…).
    public var spec: DestinationSpec
    /// The name in reports and fault targets: the explicit `id`, else the duid, else
    /// the URI host.
    public var name: String
    /// Concurrent calls (channels); a call finding all busy gets 486.
    public var capacity: Int
    /// New calls per second it accepts; beyond that it answers 503. Nil: no limit.
    public var callsPerSecond: Double?
    /// Time from INVITE to its final answer.
    public var answerDelay: Distribution
    /// The fraction of calls it rejects even when healthy, with `errorCode`.
    public var errorRatio: Double
    public var errorCode: Int

    public init(
        spec: DestinationSpec, name: String, capacity: Int, callsPerSecond: Double? = nil,
        answerDelay: Distribution = .deterministic(0.1), errorRatio: Double = 0, errorCode: Int = 503
    ) {
        self.spec = spec
        self.name = name
        self.capacity = capacity
        self.callsPerSecond = callsPerSecond
        self.answerDelay = answerDelay
        self.errorRatio = errorRatio
        self.errorCode = errorCode
    }
}

/// The offered traffic.
public struct WorkloadModel: Sendable, Hashable {
    public var arrivals: ArrivalProcess
    /// Holding time of answered calls (ignored for trace calls, which carry their own).
    public var holding: Distribution
    /// Distinct callers, whose From/To URIs and Call-IDs the hash algorithms see.
    public var callers: Int

    public init(arrivals: ArrivalProcess, holding: Distribution, callers: Int = 10_000) {
        self.arrivals = arrivals
        self.holding = holding
        self.callers = callers
    }
}

/// A fault injected into one destination for a while.
public struct Fault: Sendable, Hashable {
    /// The destination's position in `Scenario.destinations`.
    public var target: Int
    public var kind: FaultKind
    public var start: TimeSpan
    public var duration: TimeSpan

    public init(target: Int, kind: FaultKind, start: TimeSpan, duration: TimeSpan) {
        self.target = target
        self.kind = kind
        self.start = start
        self.duration = duration
    }

    public var end: TimeSpan { self.start + self.duration }
}

/// What goes wrong.
public enum FaultKind: Sendable, Hashable {
    /// No replies at all: calls and probes time out.
    case down
    /// Calls and probes are answered with `code`.
    case reject(code: Int)
    /// Calls get `code` but probes still get 200: a zombie the probes cannot see.
    case rejectCalls(code: Int)
    /// Every answer comes `extra` later.
    case slow(extra: TimeSpan)
    /// Down for half of each `period`, up for the other half, starting down.
    case flapping(period: TimeSpan)
    /// Only `channels` channels work.
    case capacity(channels: Int)
    /// Probes are lost; calls work.
    case probeLoss

    /// The scenario-file word for the kind.
    public var name: String {
        switch self {
        case .down: "down"
        case .reject: "reject"
        case .rejectCalls: "reject-calls"
        case .slow: "slow"
        case .flapping: "flapping"
        case .capacity: "capacity"
        case .probeLoss: "probe-loss"
        }
    }
}
