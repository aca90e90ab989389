/// What the HTML report needs to know about the run that the CSV files do not
/// carry: the scenario's settings and its fault schedule.
///
/// Reports cannot import Workloads (the module arrows point the other way), so
/// the driver that owns the scenario copies these plain values out of it. The
/// same context is built by `dispatchlab run` from the parsed scenario and by
/// `dispatchlab report` from the run folder's `scenario.yaml`, which is why both
/// give the same page.
public struct ReportContext: Sendable, Hashable {
    /// The scenario's name, shown in the title.
    public var scenario: String
    public var seed: UInt64
    /// Replications per algorithm.
    public var replications: Int
    /// The simulated run's length in seconds, warm-up included: the time axis.
    public var durationSeconds: Double
    /// The warm-up in seconds, shaded on the time axis (not counted in the figures).
    public var warmupSeconds: Double
    /// The command that reproduces the run, shown verbatim in the header.
    public var commandLine: String
    /// The injected faults, drawn as shaded windows on every timeline.
    public var faults: [FaultWindow]

    public init(
        scenario: String, seed: UInt64, replications: Int, durationSeconds: Double, warmupSeconds: Double,
        commandLine: String, faults: [FaultWindow] = []
    ) {
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.durationSeconds = durationSeconds
        self.warmupSeconds = warmupSeconds
        self.commandLine = commandLine
        self.faults = faults
    }
}

/// One fault of the schedule, as the report draws it: which destination, what
/// kind, and when (seconds since the start of the run).
public struct FaultWindow: Sendable, Hashable {
    /// The destination's report name (as in `destinations.csv`).
    public var destination: String
    /// The fault kind's scenario-file name (`down`, `reject`, …).
    public var kind: String
    public var start: Double
    public var end: Double

    public init(destination: String, kind: String, start: Double, end: Double) {
        self.destination = destination
        self.kind = kind
        self.start = start
        self.end = end
    }
}
