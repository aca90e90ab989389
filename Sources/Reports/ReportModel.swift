/// What one run measured, in plain values: the simulator and live mode fill it,
/// the CSV writers and the terminal table read it. Reports knows nothing of the
/// dispatcher's types, so both drivers produce the same schema.
public struct RunReport: Sendable {
    public var scenario: String
    public var seed: UInt64
    /// Destination names in list order, for stable row order.
    public var destinations: [String]
    /// One entry per algorithm × replication, in run order.
    public var replications: [ReplicationReport]

    public init(scenario: String, seed: UInt64, destinations: [String], replications: [ReplicationReport] = []) {
        self.scenario = scenario
        self.seed = seed
        self.destinations = destinations
        self.replications = replications
    }
}

/// The results of one algorithm in one replication.
public struct ReplicationReport: Sendable {
    public var algorithm: String
    /// 1-based.
    public var replication: Int
    public var summary: SummaryMetrics
    /// In the order of `RunReport.destinations`.
    public var destinations: [DestinationMetrics]
    public var timeseries: [TimeseriesPoint]
    public var events: [StateEvent]

    public init(
        algorithm: String, replication: Int, summary: SummaryMetrics, destinations: [DestinationMetrics],
        timeseries: [TimeseriesPoint] = [], events: [StateEvent] = []
    ) {
        self.algorithm = algorithm
        self.replication = replication
        self.summary = summary
        self.destinations = destinations
        self.timeseries = timeseries
        self.events = events
    }
}

/// One `summary.csv` row's measurements (calls after the warm-up only).
public struct SummaryMetrics: Sendable, Hashable {
    /// Calls that arrived.
    public var offered = 0
    /// Calls some destination answered.
    public var answered = 0
    /// Calls no destination answered (all attempts failed, or no destination to try).
    public var blocked = 0
    /// Calls that needed more than one attempt.
    public var failedOver = 0
    /// INVITE attempts sent.
    public var attempts = 0
    /// Attempts sent to a destination that was faulted at the time.
    public var sentToDead = 0
    /// Setup delay (arrival to answer) percentiles of answered calls, in ms.
    public var setupP50Ms = 0.0
    public var setupP95Ms = 0.0
    public var setupP99Ms = 0.0
    /// Mean time from a fault's start to the core taking the destination out; nil when nothing was detected.
    public var detectSeconds: Double?
    /// Mean time from a fault's end to the core putting the destination back; nil when none recovered.
    public var recoverSeconds: Double?
    /// Time-averaged max over mean of active calls across destinations.
    public var peakToMean = 0.0
    /// Largest |share of answered calls − target share| over destinations.
    public var shareError = 0.0
    /// Jain's fairness index of the destinations' utilisations.
    public var jain = 0.0

    public init() {}

    /// blocked / offered (0 when nothing was offered).
    public var blocking: Double { self.offered == 0 ? 0 : Double(self.blocked) / Double(self.offered) }
}

/// One `destinations.csv` row's measurements.
public struct DestinationMetrics: Sendable, Hashable {
    public var name: String
    public var attempts = 0
    public var answered = 0
    public var rejected = 0
    public var timeouts = 0
    /// Its share of all answered calls.
    public var share = 0.0
    /// The share its weight (or capacity) entitles it to.
    public var targetShare = 0.0
    /// Time-averaged active calls.
    public var meanActive = 0.0
    public var peakActive = 0
    /// meanActive / capacity.
    public var utilisation = 0.0
    /// Seconds the core held it unselectable (I or D).
    public var inactiveSeconds = 0.0

    public init(name: String) { self.name = name }
}

/// One `timeseries.csv` row: a destination at the end of a report interval.
public struct TimeseriesPoint: Sendable, Hashable {
    public var time: Double
    public var destination: String
    public var active: Int
    /// Attempts sent to it during the interval.
    public var attempts: Int
    /// The core's state letters (`AP`, `IX`, …).
    public var state: String

    public init(time: Double, destination: String, active: Int, attempts: Int, state: String) {
        self.time = time
        self.destination = destination
        self.active = active
        self.attempts = attempts
        self.state = state
    }
}

/// One `events.csv` row: a health state change the core reported.
public struct StateEvent: Sendable, Hashable {
    public var time: Double
    public var destination: String
    public var from: String
    public var to: String
    public var cause: String

    public init(time: Double, destination: String, from: String, to: String, cause: String) {
        self.time = time
        self.destination = destination
        self.from = from
        self.to = to
        self.cause = cause
    }
}
