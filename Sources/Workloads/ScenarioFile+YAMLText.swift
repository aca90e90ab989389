/// The small piece of YAML writing `expandedYAML()` needs, done by hand rather than
/// with Yams' emitter so the output is fixed byte for byte: key order, flow style
/// for short values, and every free-form string double-quoted (URIs and names may
/// hold `:`, `#` or words YAML would read as booleans).
struct ScenarioYAMLText {
    private(set) var text = ""

    /// Appends `content` on its own line, indented by `level` steps of two spaces.
    mutating func line(_ level: Int, _ content: String) {
        self.text += String(repeating: "  ", count: level) + content + "\n"
    }

    /// A double-quoted YAML string with `"`, `\` and control characters escaped.
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `{key: value, …}` from pairs already written as YAML.
    static func flow(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `[a, b, …]` from items already written as YAML.
    static func flow(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
