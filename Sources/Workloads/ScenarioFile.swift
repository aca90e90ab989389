import Dispatcher
import Yams

/// Reading scenario files: YAML, walked node by node so that every refusal carries
/// `file:line:column` and what was expected. The format is documented key by key
/// in docs/scenarios.md; `expandedYAML()` writes a scenario back in it.
extension Scenario {
    /// The top-level keys, in the order `expandedYAML()` writes them.
    static let topLevelKeys = [
        "name", "seed", "duration", "warmup", "replications", "report_interval", "algorithms", "set",
        "destination_defaults", "destinations", "destinations_file", "workload", "dispatcher", "faults",
    ]

    /// Reads a scenario. `file` is the name errors print; `baseDirectory` is where
    /// the files a scenario names (`destinations_file`, traces, empirical values)
    /// are looked up, normally the scenario file's directory.
    public static func parse(yaml text: String, file: String, baseDirectory: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader(inputs: ScenarioInputs(file: file, baseDirectory: baseDirectory))
        let root = try ScenarioReader.document(text, file: file)
        let map = try root.mapping("a mapping with name, duration, algorithms, destinations, workload…")
        try map.checkKeys(Self.topLevelKeys)

        let durationNode = try map.required("duration", "the simulated time, e.g. 2h")
        let duration = try durationNode.timeSpan(positive: true)
        reader.duration = duration
        let warmup = try map["warmup"]?.timeSpan() ?? .zero
        if let warmupNode = map["warmup"], warmup >= duration {
            throw warmupNode.error("expected `warmup` shorter than the duration (\(ScenarioUnits.format(duration))), found \(warmupNode.found)")
        }
        let setID = try map["set"]?.int("a set id (an integer 0 or more)", in: 0...Int.max) ?? 1

        var scenario = Scenario(
            name: try Self.name(map["name"], file: file),
            seed: try map["seed"]?.uint64("a seed (an integer 0 or more)") ?? 1,
            duration: duration,
            warmup: warmup,
            replications: try map["replications"]?.int("an integer 1 or more", in: 1...Int.max) ?? 1,
            reportInterval: try map["report_interval"]?.timeSpan(positive: true) ?? .seconds(10),
            algorithms: try Self.algorithms(try map.required("algorithms", "the algorithms to compare, e.g. [round-robin, weight]")),
            setID: setID,
            destinations: try Self.destinations(map, reader: reader, setID: setID),
            workload: try reader.workload(try map.required("workload", "the offered traffic")),
            dispatcher: try map["dispatcher"].map { (node) throws(ScenarioError) in try reader.dispatcher(node) } ?? DispatcherConfiguration()
        )
        if let faults = map["faults"] {
            scenario.faults = try reader.faults(faults, destinations: scenario.destinations)
        }
        return scenario
    }

    /// `name`, else the file's name without directory or extension: what a user
    /// would call the scenario anyway.
    private static func name(_ node: ScenarioNode?, file: String) throws(ScenarioError) -> String {
        guard let node else {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base.isEmpty ? "scenario" : base }
            return String(base[..<dot])
        }
        let name = try node.text("a name for reports")
        guard !name.isEmpty, !name.contains(where: \.isNewline) else { throw node.expected("a non-empty name on one line") }
        return name
    }

    private static func algorithms(_ node: ScenarioNode) throws(ScenarioError) -> [Algorithm] {
        var algorithms: [Algorithm] = []
        let items = try node.list("a list of algorithms like [round-robin, weight, call-load]")
        guard !items.isEmpty else { throw node.expected("at least one algorithm") }
        for item in items {
            let text = try item.text("an algorithm name or Kamailio number")
            guard let algorithm = Algorithm(text) else {
                throw item.error("unknown algorithm '\(text)' in `algorithms`; expected one of: \(Algorithm.acceptedNames)")
            }
            guard !algorithms.contains(algorithm) else {
                throw item.error("expected each algorithm once in `algorithms`, found '\(text)' (\(algorithm.name)) again")
            }
            algorithms.append(algorithm)
        }
        return algorithms
    }

    /// `destinations:` inline or `destinations_file:`, exactly one of them.
    private static func destinations(_ map: ScenarioMapping, reader: ScenarioReader, setID: Int) throws(ScenarioError) -> [DestinationModel] {
        var defaults = ScenarioReader.Behaviour()
        if let node = map["destination_defaults"] {
            let defaultsMap = try node.mapping("a mapping with answer_delay, cps, error_ratio, error_code")
            try defaultsMap.checkKeys(ScenarioReader.behaviourKeys)
            defaults = try reader.behaviour(defaultsMap, over: defaults)
        }
        let models: [DestinationModel]
        switch (map["destinations"], map["destinations_file"]) {
        case (let inline?, nil):
            models = try reader.destinations(inline, setID: setID, defaults: defaults)
        case (nil, let file?):
            models = try reader.destinationsFile(file, setID: setID, defaults: defaults)
        case (_?, let file?):
            throw file.error("expected either `destinations` or `destinations_file`, not both")
        case (nil, nil):
            throw map.node.error("expected a `destinations` list or a `destinations_file` (a dispatcher.list or dispatcher { } file) in the scenario")
        }
        try ScenarioReader.checkUnique(models, file: reader.inputs.file)
        return models
    }
}

extension ScenarioReader {
    /// The document's root node. libyaml's scanner, parser and composer errors keep
    /// their position and problem; an empty file is refused at its start.
    static func document(_ text: String, file: String) throws(ScenarioError) -> ScenarioNode {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, text: text, file: file)
        } catch {
            throw ScenarioError("expected a YAML document: \(error)", at: start)
        }
        guard let root else {
            throw ScenarioError("expected a scenario (a YAML mapping with name, duration, algorithms, destinations, workload…), found an empty file", at: start)
        }
        return ScenarioNode(node: root, file: file, path: "")
    }

    private static func syntaxError(_ error: YamlError, text: String, file: String) -> ScenarioError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func context(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _), .composer(let c, let problem, let mark, _):
            let tab = Self.character(at: mark, in: text) == "\t" ? "; YAML does not allow tabs for indentation, use spaces" : ""
            return ScenarioError("expected well-formed YAML: \(problem)\(context(c))\(tab)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let c):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return ScenarioError("expected each key once in a mapping, found \(keys) more than once", at: at(c.mark))
        case .reader(let problem, let offset, _, _):
            var location = SourceLocation(file: file, line: 1, column: 1)
            if let offset {
                let before = text.prefix(offset)
                location.line = before.count(where: { $0 == "\n" || $0 == "\r\n" }) + 1
                location.column = before.reversed().prefix(while: { $0 != "\n" && $0 != "\r\n" }).count + 1
            }
            return ScenarioError("expected readable UTF-8 YAML: \(problem)", at: location)
        default:
            return ScenarioError("expected well-formed YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// The character libyaml's mark points at (columns count Unicode scalars), for hints.
    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        return mark.column >= 1 && mark.column <= scalars.count ? scalars[mark.column - 1] : nil
    }
}
