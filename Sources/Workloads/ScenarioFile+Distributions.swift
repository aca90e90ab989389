import Dispatcher

/// Distributions in scenario files: `{dist: NAME, parameters…}`, or a bare
/// duration for a fixed value (`answer_delay: 200ms`).
///
/// Each family takes the parameters people quote for it; time-valued parameters
/// carry units, shapes and coefficients are plain numbers. The lognormal and gamma
/// accept several equivalent parameter pairs because latencies are quoted as
/// mean/sd or median/p95, and the expanded form writes the lognormal back as its
/// exact `mu`/`sigma`.
extension ScenarioReader {
    /// The families and the keys each accepts besides `dist`.
    static let distributionKeys: [(name: String, keys: [String])] = [
        ("exponential", ["mean"]),
        ("lognormal", ["mean", "sd", "median", "p95", "mu", "sigma"]),
        ("gamma", ["shape", "scale", "mean", "cv"]),
        ("weibull", ["shape", "scale"]),
        ("pareto", ["shape", "scale"]),
        ("deterministic", ["value"]),
        ("empirical", ["values", "file"]),
    ]

    func distribution(_ node: ScenarioNode) throws(ScenarioError) -> Distribution {
        if node.isScalar {
            return .deterministic(try node.seconds())
        }
        let map = try node.mapping("a distribution like {dist: exponential, mean: 120s} or a fixed duration")
        let distNode = try map.required("dist", Self.distributionKeys.map(\.name).joined(separator: ", "))
        let name = try distNode.text("a distribution name")
        guard let family = Self.distributionKeys.first(where: { $0.name == name }) else {
            throw distNode.error("unknown distribution '\(name)' for `\(distNode.path)`; expected one of: \(Self.distributionKeys.map(\.name).joined(separator: ", "))")
        }
        try map.checkKeys(["dist"] + family.keys)

        let distribution: Distribution
        switch name {
        case "exponential":
            distribution = .exponential(mean: try map.required("mean", "the mean, e.g. 120s").seconds(positive: true))
        case "lognormal":
            distribution = try self.lognormal(map)
        case "gamma":
            let pair = try Self.pair(map, [("shape", "scale"), ("mean", "cv")], family: "gamma")
            if pair.form == 0 {
                distribution = .gamma(shape: try pair.first.positiveDouble("a positive number"), scale: try pair.second.seconds(positive: true))
            } else {
                let mean = try pair.first.seconds(positive: true)
                let cv = try pair.second.positiveDouble("a positive coefficient of variation (sd / mean)")
                distribution = .gamma(shape: 1 / (cv * cv), scale: mean * cv * cv)
            }
        case "weibull":
            distribution = .weibull(
                shape: try map.required("shape", "a positive number").positiveDouble("a positive number"),
                scale: try map.required("scale", "a duration").seconds(positive: true))
        case "pareto":
            distribution = .pareto(
                shape: try map.required("shape", "a positive number").positiveDouble("a positive number"),
                scale: try map.required("scale", "the minimum duration").seconds(positive: true))
        case "deterministic":
            distribution = .deterministic(try map.required("value", "a duration").seconds())
        default:
            distribution = try self.empirical(map)
        }
        do {
            return try distribution.validated()
        } catch {
            throw node.error("\(error.message) for `\(node.path)`")
        }
    }

    /// The one parameter pair present among `pairs` (which form, and its two
    /// values), refusing none, half of one, or a mix.
    static func pair(_ map: ScenarioMapping, _ pairs: [(String, String)], family: String) throws(ScenarioError) -> (form: Int, first: ScenarioNode, second: ScenarioNode) {
        let forms = pairs.map { "`\($0.0)` and `\($0.1)`" }.joined(separator: ", or ")
        let present = pairs.indices.filter { map.has(pairs[$0].0) || map.has(pairs[$0].1) }
        guard present.count == 1, let form = present.first,
              let first = map[pairs[form].0], let second = map[pairs[form].1] else {
            throw map.node.error("expected \(forms) for the \(family) distribution `\(map.node.path)`")
        }
        return (form, first, second)
    }

    private func lognormal(_ map: ScenarioMapping) throws(ScenarioError) -> Distribution {
        let (form, a, b) = try Self.pair(map, [("mean", "sd"), ("median", "p95"), ("mu", "sigma")], family: "lognormal")
        if form == 2 {
            return .lognormal(mu: try a.double("a number (the mean of the logarithm of seconds)"),
                              sigma: try b.positiveDouble("a positive number (the sd of the logarithm)"))
        }
        let first = try a.seconds(positive: true)
        let second = try b.seconds(positive: true)
        do {
            if form == 1 {
                return try Distribution.lognormal(median: first, p95: second)
            }
            return try Distribution.lognormal(mean: first, sd: second)
        } catch {
            throw b.error("\(error.message) for `\(b.path)`")
        }
    }

    /// `values: [1s, 2s]` inline, or `file:` with one number of seconds per line.
    private func empirical(_ map: ScenarioMapping) throws(ScenarioError) -> Distribution {
        if map.has("values") == map.has("file") {
            throw map.node.error("expected either `values` (a list of durations) or `file` (one number of seconds per line) for the empirical distribution `\(map.node.path)`")
        }
        if let values = map["values"] {
            var result: [Double] = []
            for item in try values.list("a list of durations") {
                result.append(try item.seconds())
            }
            guard !result.isEmpty else { throw values.expected("at least one duration") }
            return .empirical(result)
        }
        guard let fileNode = map["file"] else { return .empirical([]) }
        let (text, path) = try self.inputs.read(fileNode)
        return .empirical(try Self.values(in: text, file: path, node: fileNode))
    }

    /// Reads one non-negative number of seconds per line; blank lines and `#`
    /// comments are skipped. Errors point into the values file.
    static func values(in text: String, file: String, node: ScenarioNode) throws(ScenarioError) -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let leading = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let rest = line.dropFirst(leading)
            let field = rest.prefix(while: { $0 != "#" }).trimmingTrailingSpaces
            if field.isEmpty { continue }
            guard let number = ScenarioUnits.Number(field), let value = number.value, value >= 0 else {
                throw ScenarioError("expected a non-negative number of seconds, found '\(field)'",
                                    at: SourceLocation(file: file, line: lineNumber, column: leading + 1))
            }
            values.append(value)
        }
        guard !values.isEmpty else {
            throw node.error("expected at least one number of seconds in '\(file)' for `\(node.path)`")
        }
        return values
    }
}

extension Substring {
    /// The text without trailing spaces and tabs.
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " || text.last == "\t" || text.last == "\r" { text = text.dropLast() }
        return text
    }
}
