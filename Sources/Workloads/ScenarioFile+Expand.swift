import Dispatcher

/// Writing a scenario back as YAML with every default filled in: what
/// `dispatchlab check` prints, so a user sees exactly what will run, and a file that
/// can be kept as the record of a run.
///
/// The output uses the same keys as the input and reads back to an equal scenario
/// (apart from where its destinations were declared), and writing that again gives
/// the same text. Destinations from a `destinations_file` are written inline, and
/// traces and empirical files as inline values, so the output stands alone.
extension Scenario {
    public func expandedYAML() -> String {
        var out = ScenarioYAMLText()
        out.line(0, "# Scenario \(ScenarioYAMLText.quoted(self.name)), expanded: every default filled in.")
        out.line(0, "name: \(ScenarioYAMLText.quoted(self.name))")
        out.line(0, "seed: \(self.seed)")
        out.line(0, "duration: \(ScenarioUnits.format(self.duration))")
        out.line(0, "warmup: \(ScenarioUnits.format(self.warmup))")
        out.line(0, "replications: \(self.replications)")
        out.line(0, "report_interval: \(ScenarioUnits.format(self.reportInterval))")
        out.line(0, "algorithms: \(ScenarioYAMLText.flow(self.algorithms.map(\.name)))")
        out.line(0, "set: \(self.setID)")
        out.line(0, "destinations:")
        for destination in self.destinations {
            destination.writeYAML(into: &out)
        }
        self.workload.writeYAML(into: &out)
        self.dispatcher.writeYAML(into: &out)
        if self.faults.isEmpty {
            out.line(0, "faults: []")
        } else {
            out.line(0, "faults:")
            for fault in self.faults {
                out.line(1, "- " + fault.yaml(targetName: self.destinations[fault.target].name))
            }
        }
        return out.text
    }
}

extension Fault {
    /// One fault as a flow mapping, in the keys' documented order.
    func yaml(targetName: String) -> String {
        var pairs = [("target", ScenarioYAMLText.quoted(targetName)), ("kind", self.kind.name)]
        switch self.kind {
        case .reject(let code), .rejectCalls(let code): pairs.append(("code", "\(code)"))
        case .slow(let extra): pairs.append(("extra", ScenarioUnits.format(extra)))
        case .flapping(let period): pairs.append(("period", ScenarioUnits.format(period)))
        case .capacity(let channels): pairs.append(("channels", "\(channels)"))
        case .down, .probeLoss: break
        }
        pairs.append(("at", ScenarioUnits.format(self.start)))
        pairs.append(("for", ScenarioUnits.format(self.duration)))
        return ScenarioYAMLText.flow(pairs)
    }
}

extension WorkloadModel {
    func writeYAML(into out: inout ScenarioYAMLText) {
        out.line(0, "workload:")
        switch self.arrivals {
        case .poisson(let rate):
            out.line(1, "arrivals: {process: poisson, rate: \(ScenarioUnits.format(rate: rate))}")
        case .profile(let profile):
            out.line(1, "arrivals:")
            out.line(2, "process: profile")
            out.line(2, "steps:")
            for step in profile.steps {
                out.line(3, "- " + ScenarioYAMLText.flow([
                    ("at", ScenarioUnits.format(seconds: step.start)),
                    ("rate", ScenarioUnits.format(rate: step.rate)),
                    ("ramp", ScenarioYAMLText.bool(step.ramp)),
                ]))
            }
        case .mmpp(let mmpp):
            let rates = ScenarioYAMLText.flow([mmpp.rate1, mmpp.rate2].map { ScenarioUnits.format(rate: $0) })
            let durations = ScenarioYAMLText.flow([mmpp.meanSojourn1, mmpp.meanSojourn2].map { ScenarioUnits.format(seconds: $0) })
            out.line(1, "arrivals: {process: mmpp, rates: \(rates), mean_durations: \(durations)}")
        case .trace(let calls):
            out.line(1, "arrivals:")
            out.line(2, "process: trace")
            out.line(2, "calls:  # [start, duration] in seconds")
            for call in calls {
                out.line(3, "- [\(ScenarioUnits.format(number: call.start)), \(ScenarioUnits.format(number: call.duration))]")
            }
        }
        out.line(1, "holding: \(self.holding.yaml)")
        out.line(1, "callers: \(self.callers)")
    }
}

extension Distribution {
    /// The distribution as a flow mapping; a lognormal is written as its exact
    /// `mu`/`sigma`, with its mean and sd in a comment for people.
    var yaml: String {
        let seconds = { (value: Double) in ScenarioUnits.format(seconds: value) }
        let number = { (value: Double) in ScenarioUnits.format(number: value) }
        switch self {
        case .exponential(let mean):
            return ScenarioYAMLText.flow([("dist", "exponential"), ("mean", seconds(mean))])
        case .lognormal(let mu, let sigma):
            // Rounded to the microsecond: a comment for people, not read back.
            let approx = { (value: Double) in
                value.isFinite && abs(value) < 9e9
                    ? ScenarioUnits.format(TimeSpan(nanoseconds: Int64((value * 1e6).rounded()) * 1000)) : "\(value)s"
            }
            return ScenarioYAMLText.flow([("dist", "lognormal"), ("mu", number(mu)), ("sigma", number(sigma))])
                + "  # mean \(approx(self.mean)), sd \(approx(self.variance.squareRoot()))"
        case .gamma(let shape, let scale):
            return ScenarioYAMLText.flow([("dist", "gamma"), ("shape", number(shape)), ("scale", seconds(scale))])
        case .weibull(let shape, let scale):
            return ScenarioYAMLText.flow([("dist", "weibull"), ("shape", number(shape)), ("scale", seconds(scale))])
        case .pareto(let shape, let scale):
            return ScenarioYAMLText.flow([("dist", "pareto"), ("shape", number(shape)), ("scale", seconds(scale))])
        case .deterministic(let value):
            return ScenarioYAMLText.flow([("dist", "deterministic"), ("value", seconds(value))])
        case .empirical(let values):
            return ScenarioYAMLText.flow([("dist", "empirical"), ("values", ScenarioYAMLText.flow(values.map(seconds)))])
        }
    }
}
