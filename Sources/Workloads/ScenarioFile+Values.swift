import Dispatcher

/// Typed values read from scalars, each refusing what it cannot use with the
/// node's position and the form that was expected.
///
/// Scalars are read from their text rather than from YAML's implicit typing, so
/// `capacity: "100"` and `capacity: 100` mean the same and `2/s` or `90s` need no
/// quotes; what matters is that the text is the expected kind of value.
extension ScenarioNode {
    /// An integer within `range`; `what` describes it ("an integer 1 or more").
    func int(_ what: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(ScenarioError) -> Int {
        let text = try self.text(what)
        guard let value = Int(text), range.contains(value) else { throw self.expected(what) }
        return value
    }

    /// A non-negative 64-bit integer (seeds).
    func uint64(_ what: String) throws(ScenarioError) -> UInt64 {
        guard let value = UInt64(try self.text(what)) else { throw self.expected(what) }
        return value
    }

    /// A finite number within `range`.
    func double(_ what: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(ScenarioError) -> Double {
        let text = try self.text(what)
        guard let number = ScenarioUnits.Number(Substring(text)), let value = number.value, range.contains(value) else {
            throw self.expected(what)
        }
        return value
    }

    /// A finite number above zero.
    func positiveDouble(_ what: String) throws(ScenarioError) -> Double {
        let value = try self.double(what)
        guard value > 0 else { throw self.expected(what) }
        return value
    }

    /// `true` or `false` (YAML 1.1's `yes`/`no`/`on`/`off` too, as YAML readers take them).
    func bool() throws(ScenarioError) -> Bool {
        let text = try self.text("true or false")
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw self.expected("true or false")
        }
    }

    /// A duration (`90s`, `1.5m`, `200ms`, `2h`, or `0`), exact to the nanosecond.
    /// `positive` refuses zero.
    func timeSpan(positive: Bool = false) throws(ScenarioError) -> TimeSpan {
        let what = positive ? "a positive \(ScenarioUnits.durationHint)" : "a \(ScenarioUnits.durationHint)"
        let text = try self.text(what)
        switch ScenarioUnits.timeSpan(text) {
        case .success(let span):
            guard !positive || span > .zero else { throw self.expected(what) }
            return span
        case .failure(let problem):
            throw self.unitError(problem, what: what)
        }
    }

    /// A duration in floating-point seconds, for distribution parameters.
    func seconds(positive: Bool = false) throws(ScenarioError) -> Double {
        let what = positive ? "a positive \(ScenarioUnits.durationHint)" : "a \(ScenarioUnits.durationHint)"
        let text = try self.text(what)
        switch ScenarioUnits.seconds(text) {
        case .success(let value):
            guard !positive || value > 0 else { throw self.expected(what) }
            return value
        case .failure(let problem):
            throw self.unitError(problem, what: what)
        }
    }

    /// A rate in calls per second (`2/s`, `120/m`, `7200/h`, or `0`).
    func rate() throws(ScenarioError) -> Double {
        let what = ScenarioUnits.rateHint
        let text = try self.text(what)
        switch ScenarioUnits.rate(text) {
        case .success(let value): return value
        case .failure(let problem): throw self.unitError(problem, what: what)
        }
    }

    /// The message for a duration or rate that did not read.
    private func unitError(_ problem: ScenarioUnits.Problem, what: String) -> ScenarioError {
        switch problem {
        case .malformed: self.expected(what)
        case .missingUnit: self.error("expected \(what) for `\(self.path)`, found \(self.found) without a unit (only 0 may go without one)")
        case .negative: self.error("expected \(what) for `\(self.path)`, found \(self.found), which is negative")
        case .tooLarge: self.error("expected \(what) small enough to count in nanoseconds for `\(self.path)`, found \(self.found)")
        }
    }

    /// A SIP reply code 300–699: the codes that can fail a call or be injected.
    func replyCode() throws(ScenarioError) -> Int {
        try self.int("a SIP reply code 300-699", in: 300...699)
    }

    /// A fraction 0–1.
    func fraction() throws(ScenarioError) -> Double {
        try self.double("a number from 0 to 1", in: 0...1)
    }
}
