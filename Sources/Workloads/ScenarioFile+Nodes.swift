import Dispatcher
import Yams

/// A YAML node with the file it came from and its key path, so every reader can
/// say where a value was written and what it was for.
///
/// Scenario files are read by walking `Yams.compose` nodes rather than through
/// `Codable`, because only the node tree keeps each value's line and column, and
/// a decoding error without a position would leave the user searching.
struct ScenarioNode {
    let node: Node
    /// The file the node was read from, as errors should print it.
    let file: String
    /// The key path for messages: `workload.arrivals.rate`, `destinations[2]`.
    let path: String

    /// Where the node starts (libyaml's mark, 1-based).
    var location: SourceLocation {
        SourceLocation(file: self.file, line: self.node.mark?.line ?? 1, column: self.node.mark?.column ?? 1)
    }

    /// The node of `key` under this one, for its path.
    func child(_ node: Node, key: String) -> ScenarioNode {
        ScenarioNode(node: node, file: self.file, path: self.path.isEmpty ? key : "\(self.path).\(key)")
    }

    /// An error at this node.
    func error(_ message: String) -> ScenarioError {
        ScenarioError(message, at: self.location)
    }

    /// "expected WHAT for `path`, found …", the shape of most messages.
    func expected(_ what: String) -> ScenarioError {
        self.error("expected \(what) for \(self.path.isEmpty ? "the scenario" : "`\(self.path)`"), found \(self.found)")
    }

    /// The node as a message describes it.
    var found: String {
        switch self.node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            return self.isNull ? "nothing" : "'\(scalar.string)'"
        }
    }

    /// An empty value, `~` or `null` written plainly: the key is present but says nothing.
    var isNull: Bool {
        guard case .scalar(let scalar) = self.node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The scalar's text, refusing mappings, lists and empty values.
    func text(_ what: String) throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = self.node, !self.isNull else { throw self.expected(what) }
        return scalar.string
    }

    /// Whether the node is a scalar (text, a number, a duration…).
    var isScalar: Bool { self.node.scalar != nil }

    /// Whether the node is a list.
    var isList: Bool { self.node.sequence != nil }

    /// Whether the scalar was written in quotes (columns inside it are one further right).
    var isQuoted: Bool {
        guard case .scalar(let scalar) = self.node else { return false }
        return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    }

    /// The items of a list.
    func list(_ what: String) throws(ScenarioError) -> [ScenarioNode] {
        guard case .sequence(let sequence) = self.node else { throw self.expected(what) }
        return sequence.enumerated().map { index, item in
            ScenarioNode(node: item, file: self.file, path: "\(self.path)[\(index + 1)]")
        }
    }

    /// The pairs of a mapping, with its keys checked.
    func mapping(_ what: String) throws(ScenarioError) -> ScenarioMapping {
        try ScenarioMapping(self, what: what)
    }
}

/// A YAML mapping whose keys have been checked: scalars, each once, none that YAML
/// 1.1 reads as a boolean.
struct ScenarioMapping {
    struct Entry {
        var key: String
        var keyNode: ScenarioNode
        var value: ScenarioNode
    }

    let node: ScenarioNode
    let entries: [Entry]

    init(_ node: ScenarioNode, what: String) throws(ScenarioError) {
        guard case .mapping(let mapping) = node.node else { throw node.expected(what) }
        self.node = node
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            let keyed = ScenarioNode(node: keyNode, file: node.file, path: node.path)
            guard case .scalar(let scalar) = keyNode, !keyed.isNull else {
                throw keyed.error("expected a key (a plain word) in `\(node.path.isEmpty ? "the scenario" : node.path)`, found \(keyed.found)")
            }
            if scalar.style == .plain, Self.yaml11Booleans.contains(scalar.string) {
                let hint = scalar.string.lowercased() == "on" ? "use `when`" : "quote it or use another word"
                throw keyed.error("`\(scalar.string)` reads as a boolean in YAML 1.1, so it cannot be a key; \(hint)")
            }
            entries.append(Entry(key: scalar.string, keyNode: keyed, value: node.child(value, key: scalar.string)))
        }
        self.entries = entries
    }

    /// What YAML 1.1 (and so libyaml's resolver) turns into true or false.
    static let yaml11Booleans: Set<String> = [
        "on", "On", "ON", "off", "Off", "OFF", "yes", "Yes", "YES", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
    ]

    /// Refuses any key not in `accepted`, listing the accepted ones: a misspelt key
    /// silently ignored would run the scenario with a default the user did not want.
    func checkKeys(_ accepted: [String]) throws(ScenarioError) {
        for entry in self.entries where !accepted.contains(entry.key) {
            let place = self.node.path.isEmpty ? "at the top level" : "in `\(self.node.path)`"
            throw entry.keyNode.error("unknown key `\(entry.key)` \(place); expected one of: \(accepted.joined(separator: ", "))")
        }
    }

    /// The value of `key`, nil when the key is absent.
    subscript(key: String) -> ScenarioNode? {
        self.entries.first(where: { $0.key == key })?.value
    }

    /// The value of a key that must be present; the error points at the mapping.
    func required(_ key: String, _ why: String) throws(ScenarioError) -> ScenarioNode {
        guard let value = self[key] else {
            let place = self.node.path.isEmpty ? "the scenario" : "`\(self.node.path)`"
            throw self.node.error("expected a `\(key)` key in \(place) (\(why))")
        }
        return value
    }

    /// Whether `key` is present.
    func has(_ key: String) -> Bool { self[key] != nil }
}
