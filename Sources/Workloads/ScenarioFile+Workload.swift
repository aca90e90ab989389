import Dispatcher

/// The `workload:` section: when calls arrive, how long they last, and how many
/// distinct callers the hash algorithms see.
extension ScenarioReader {
    static let workloadKeys = ["arrivals", "holding", "callers"]
    static let processKeys: [(name: String, keys: [String])] = [
        ("poisson", ["rate"]),
        ("profile", ["steps"]),
        ("mmpp", ["rates", "mean_durations"]),
        ("trace", ["file", "calls"]),
    ]

    func workload(_ node: ScenarioNode) throws(ScenarioError) -> WorkloadModel {
        let map = try node.mapping("a mapping with arrivals, holding and callers")
        try map.checkKeys(Self.workloadKeys)
        let arrivals = try self.arrivals(try map.required("arrivals", "e.g. {process: poisson, rate: 2/s}"))
        let holding: Distribution
        if let holdingNode = map["holding"] {
            holding = try self.distribution(holdingNode)
        } else if case .trace(let calls) = arrivals, !calls.isEmpty {
            // Trace calls carry their own durations; the model's holding time is
            // then only a summary, so the trace's mean stands in for it.
            holding = .deterministic(calls.reduce(0) { $0 + $1.duration } / Double(calls.count))
        } else {
            throw map.node.error("expected a `holding` key in `\(node.path)` (the holding-time distribution, e.g. {dist: exponential, mean: 120s})")
        }
        let callers = try map["callers"]?.int("an integer 1 or more", in: 1...Int.max) ?? 10_000
        return WorkloadModel(arrivals: arrivals, holding: holding, callers: callers)
    }

    func arrivals(_ node: ScenarioNode) throws(ScenarioError) -> ArrivalProcess {
        let map = try node.mapping("an arrival process like {process: poisson, rate: 2/s}")
        let names = Self.processKeys.map(\.name).joined(separator: ", ")
        let processNode = try map.required("process", names)
        let name = try processNode.text("an arrival process name")
        guard let process = Self.processKeys.first(where: { $0.name == name }) else {
            throw processNode.error("unknown arrival process '\(name)' for `\(processNode.path)`; expected one of: \(names)")
        }
        try map.checkKeys(["process"] + process.keys)
        switch name {
        case "poisson":
            return .poisson(rate: try map.required("rate", "calls per unit of time, e.g. 2/s").rate())
        case "profile":
            return try self.profile(try map.required("steps", "a list of {at, rate, ramp}"))
        case "mmpp":
            return try self.mmpp(map)
        default:
            return try self.trace(map)
        }
    }

    private func profile(_ node: ScenarioNode) throws(ScenarioError) -> ArrivalProcess {
        var steps: [RateStep] = []
        var previous: (start: Double, text: String)?
        for item in try node.list("a list of steps like {at: 0s, rate: 1/s}") {
            let map = try item.mapping("a step like {at: 1h, rate: 5/s, ramp: true}")
            try map.checkKeys(["at", "rate", "ramp"])
            let atNode = try map.required("at", "when the rate is reached")
            let start = try atNode.timeSpan().seconds
            if let previous, start <= previous.start {
                throw atNode.error("expected `\(atNode.path)` to come after the previous step's \(previous.text), found \(atNode.found)")
            }
            let rate = try map.required("rate", "calls per unit of time, e.g. 5/s").rate()
            let ramp = try map["ramp"]?.bool() ?? false
            steps.append(RateStep(start: start, rate: rate, ramp: ramp))
            previous = (start, ScenarioUnits.format(seconds: start))
        }
        do {
            return .profile(try RateProfile(steps))
        } catch {
            throw node.error("\(error.message) for `\(node.path)`")
        }
    }

    private func mmpp(_ map: ScenarioMapping) throws(ScenarioError) -> ArrivalProcess {
        let ratesNode = try map.required("rates", "the two states' rates, e.g. [1/s, 10/s]")
        let durationsNode = try map.required("mean_durations", "the mean time in each state, e.g. [10m, 1m]")
        let rateItems = try ratesNode.list("a list of two rates")
        let durationItems = try durationsNode.list("a list of two durations")
        guard rateItems.count == 2 else { throw ratesNode.expected("a list of exactly two rates") }
        guard durationItems.count == 2 else { throw durationsNode.expected("a list of exactly two durations") }
        let rates = [try rateItems[0].rate(), try rateItems[1].rate()]
        let sojourns = [try durationItems[0].seconds(positive: true), try durationItems[1].seconds(positive: true)]
        do {
            return .mmpp(try MMPP(rate1: rates[0], rate2: rates[1], meanSojourn1: sojourns[0], meanSojourn2: sojourns[1]))
        } catch {
            throw map.node.error("\(error.message) for `\(map.node.path)`")
        }
    }

    /// `file:` a CSV of `start,duration` rows, or `calls:` the same pairs inline
    /// (plain seconds, as in the CSV), which is how the expanded form writes a trace.
    private func trace(_ map: ScenarioMapping) throws(ScenarioError) -> ArrivalProcess {
        if map.has("file") == map.has("calls") {
            throw map.node.error("expected either `file` (a CSV of start,duration rows) or `calls` (a list of [start, duration] in seconds) for the trace `\(map.node.path)`")
        }
        if let fileNode = map["file"] {
            let (text, path) = try self.inputs.read(fileNode)
            do {
                return try ArrivalProcess.loadTrace(csvText: text, file: path)
            } catch {
                throw ScenarioError(error.message, at: error.location ?? fileNode.location)
            }
        }
        guard let callsNode = map["calls"] else { return .trace([]) }
        var calls: [TraceCall] = []
        for item in try callsNode.list("a list of [start, duration] pairs in seconds") {
            let pair = try item.list("a pair [start, duration] in seconds")
            guard pair.count == 2 else { throw item.expected("a pair [start, duration] in seconds") }
            calls.append(TraceCall(
                start: try pair[0].double("a non-negative number of seconds", in: 0...Double.greatestFiniteMagnitude),
                duration: try pair[1].double("a non-negative number of seconds", in: 0...Double.greatestFiniteMagnitude)))
        }
        guard !calls.isEmpty else { throw callsNode.expected("at least one [start, duration] pair") }
        return .trace(calls)
    }
}
