import Dispatcher
import Reports
import Workloads

/// One algorithm in one replication of a scenario: a discrete-event run in
/// virtual time that drives the real `Dispatcher` core.
///
/// The simulation decides nothing about routing. It delivers calls, replies,
/// timeouts and probe results to the core and carries out what the core says;
/// the destinations' behaviour (channels, answer delays, faults) is the model.
struct Simulation: ~Copyable {
    let scenario: Scenario
    let algorithm: Algorithm
    let replication: Int
    let end: Int64
    let warmup: Int64
    let inviteTimeout: Int64

    var core: Dispatcher
    var queue = EventQueue<SimulationEvent>(lanes: EventLane.allCases.count)
    var servers: UniqueArray<DestinationServer>
    /// Server index by the core's destination slot.
    var serverBySlot: [Int32]
    var handles: [DestinationHandle]
    var calls = CallPool()
    var probes: [ProbeRequest?] = []
    var freeProbes: [Int32] = []
    var scheduledWake: Int64?
    /// The next call's arrival time and, for trace calls, its holding time (-1 otherwise).
    var pendingArrival: (time: Int64, traceHolding: Int64)?

    var arrivals: ArrivalGenerator
    var arrivalStream: RandomStream
    var holdingStream: RandomStream
    var callerStream: RandomStream
    var delayStream: RandomStream
    var errorStream: RandomStream
    var coreStream: RandomStream
    var population: CallerPopulation?
    /// The route request every call starts from (set and algorithm filled in once).
    /// `run` keeps a local copy and hands it down, so the request is not copied
    /// out of `self` for every call.
    let requestTemplate: RouteRequest
    /// The holding-time distribution, kept apart so the hot path copies nothing else.
    let holding: Distribution
    var nextCallNumber: UInt64 = 0

    var summary = SummaryMetrics()
    var setupDelays = SetupDelayHistogram()
    var balance: BalanceIntegrator
    var health: HealthRecorder
    var timeseries: [TimeseriesPoint] = []
    var callLog: CallLog?

    init(scenario: Scenario, algorithm: Algorithm, replication: Int, callLog: CallLog? = nil) throws {
        let seed = scenario.seed
        func stream(_ purpose: StreamPurpose) -> RandomStream {
            RandomStream(seed: seed, replication: replication, purpose: purpose)
        }
        // Everything that can fail comes first, into locals: a noncopyable value
        // cannot be left half made.
        var coreStream = stream(.dispatcher)
        let core = try Dispatcher(
            list: scenario.destinationList, configuration: scenario.dispatcher, now: .zero, using: &coreStream)
        let arrivals = try ArrivalGenerator(scenario.workload.arrivals)
        let population = algorithm.readsCallKeys
            ? try CallerPopulation(callers: Swift.max(1, scenario.workload.callers)) : nil
        var handles: [DestinationHandle] = []
        var serverBySlot: [Int32] = []
        for (i, model) in scenario.destinations.enumerated() {
            guard let h = core.handle(for: model.spec.key) else {
                throw SimulationError("destination \(model.name) is not in set \(scenario.setID)")
            }
            handles.append(h)
            while serverBySlot.count <= Int(h.slot) { serverBySlot.append(-1) }
            serverBySlot[Int(h.slot)] = Int32(i)
        }

        self.scenario = scenario
        self.algorithm = algorithm
        self.replication = replication
        self.end = scenario.duration.nanoseconds
        self.warmup = scenario.warmup.nanoseconds
        self.inviteTimeout = scenario.dispatcher.failover.inviteTimeout.nanoseconds
        self.callLog = callLog
        self.requestTemplate = Self.requestTemplate(scenario, algorithm)
        self.holding = scenario.workload.holding
        self.coreStream = coreStream
        self.core = core
        self.arrivals = arrivals
        self.population = population
        self.handles = handles
        self.serverBySlot = serverBySlot
        self.arrivalStream = stream(.arrivals)
        self.holdingStream = stream(.holding)
        self.callerStream = stream(.callers)
        self.delayStream = stream(.answerDelay)
        self.errorStream = stream(.destinationErrors)
        let warmup = self.warmup
        var servers = UniqueArray<DestinationServer>(capacity: scenario.destinations.count)
        for (i, model) in scenario.destinations.enumerated() {
            servers.append(DestinationServer(model: model, faults: scenario.faults.filter { $0.target == i }, warmup: warmup))
        }
        self.servers = servers
        self.balance = BalanceIntegrator(destinations: scenario.destinations.count, warmup: warmup)
        self.health = HealthRecorder(destinations: scenario.destinations.count, warmup: warmup)
    }

    /// Runs to the scenario's end and returns what it measured.
    mutating func run() -> ReplicationReport {
        let template = self.requestTemplate
        self.scheduleNextArrival()
        self.queue.schedule(.report, at: .zero + self.scenario.reportInterval)
        self.scheduleWake()
        while true {
            // The pending arrival goes first unless a queued event is earlier.
            if let arrival = self.pendingArrival, arrival.time <= (self.queue.nextTime ?? .max) {
                self.arrive(now: arrival.time, traceHolding: arrival.traceHolding, template: template)
                continue
            }
            guard let (time, event) = self.queue.next() else { break }
            let now = time.nanoseconds
            guard now <= self.end else { break }
            switch event {
            case .reply(let call, let attempt, let code): self.reply(call, attempt: attempt, code: Int(code), now: now)
            case .timeout(let call, let attempt): self.timeout(call, attempt: attempt, now: now)
            case .hangup(let call): self.hangup(call, now: now)
            case .probeReply(let probe, let code): self.probeReplied(probe, code: Int(code), now: now)
            case .wake: self.wake(now: now)
            case .report: self.report(now: now)
            }
        }
        return self.finish()
    }
}

extension Simulation {
    /// The route request every call starts from. Candidates past `max_attempts`
    /// are never tried, so the failover list stops there, as a Kamailio script
    /// that caps its attempts passes the same cap as `ds_select_dst`'s limit;
    /// the decisions are the same, and the core builds a shorter list. Not with
    /// re-evaluation (it may skip candidates, so it needs the rest) nor for
    /// parallel forking (every candidate is a branch).
    static func requestTemplate(_ scenario: Scenario, _ algorithm: Algorithm) -> RouteRequest {
        var request = RouteRequest(setID: scenario.setID, algorithm: algorithm)
        let config = scenario.dispatcher
        let attempts = config.failover.maxAttempts
        if !config.reevaluateOnFailover, algorithm != .parallel, attempts > 0, config.limit <= 0 || config.limit > attempts {
            request.limit = attempts
        }
        return request
    }
}

struct SimulationError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { self.description = message }
}

extension Algorithm {
    /// Whether selection reads the Call-ID, From, To or R-URI, so calls need SIP identities.
    var readsCallKeys: Bool {
        switch self {
        case .hashCallID, .hashFrom, .hashTo, .hashRURI, .hashAuth, .hashKey, .rendezvous: true
        default: false
        }
    }
}
