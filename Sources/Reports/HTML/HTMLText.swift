/// Text helpers shared by the HTML and SVG writers.
///
/// Everything that goes into the page passes through `escape` (destination
/// names are user input: a `<` or `&` in one must not break the markup), and
/// every number through `DecimalFormat`, so the same report gives the same bytes
/// on every machine and locale.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in
    /// element content and in double- or single-quoted attributes, in HTML and in
    /// inline SVG (XML) alike.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate: two decimals are below a printer's dot and keep files small.
    static func coordinate(_ value: Double) -> String {
        DecimalFormat.string(value.isFinite ? value : 0, decimals: 2)
    }

    /// A value for display with a fixed number of decimals (trailing zeros kept
    /// so that columns line up), or `–` when missing.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var text = DecimalFormat.string(value, decimals: decimals)
        guard decimals > 0 else { return text }
        if let point = text.firstIndex(of: ".") {
            let have = text.distance(from: point, to: text.endIndex) - 1
            text += String(repeating: "0", count: max(0, decimals - have))
        } else {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }

    /// Seconds as a short clock label: `0`, `20m`, `1h`, `1h05m`, `45s`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        if total == 0 { return "0" }
        if s != 0 { return h == 0 && m == 0 ? "\(s)s" : (h > 0 ? "\(h)h" : "") + "\(m)m\(two(s))s" }
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h\(two(m))m"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// A small builder for SVG markup, so every chart writes elements the same way
/// (attribute order fixed, values escaped).
struct SVGBuilder {
    private(set) var text = ""

    mutating func raw(_ markup: String) { self.text += markup }

    /// `<name a="v" …/>` with the attributes in the given order, values escaped.
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        self.text += "<" + name
        for (key, value) in attributes { self.text += " \(key)=\"\(HTMLText.escape(value))\"" }
        if let content {
            self.text += ">" + HTMLText.escape(content) + "</\(name)>\n"
        } else {
            self.text += "/>\n"
        }
    }

    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", cssClass: String = "label") {
        self.element("text", [("x", HTMLText.coordinate(x)), ("y", HTMLText.coordinate(y)), ("text-anchor", anchor), ("class", cssClass)], content: content)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String) {
        self.element("line", [
            ("x1", HTMLText.coordinate(x1)), ("y1", HTMLText.coordinate(y1)),
            ("x2", HTMLText.coordinate(x2)), ("y2", HTMLText.coordinate(y2)), ("class", cssClass),
        ])
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String, extra: [(String, String)] = []) {
        self.element("rect", [
            ("x", HTMLText.coordinate(x)), ("y", HTMLText.coordinate(y)),
            ("width", HTMLText.coordinate(max(0, width))), ("height", HTMLText.coordinate(max(0, height))), ("class", cssClass),
        ] + extra)
    }
}

/// "Nice" axis ticks: 1, 2 or 5 × 10ⁿ steps, so labels read as round numbers.
enum AxisTicks {
    /// A step and a top ≥ `maximum` with about `count` steps; (1, 1) for an empty range.
    static func nice(maximum: Double, count: Int = 5) -> (step: Double, top: Double) {
        guard maximum.isFinite, maximum > 0 else { return (1, 1) }
        let raw = maximum / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let top = (maximum / step).rounded(.up) * step
        return (step, top)
    }

    /// Time ticks in seconds at round clock steps (10 s … 1 h …) over `0...duration`.
    static func time(duration: Double, count: Int = 8) -> [Double] {
        guard duration > 0 else { return [0] }
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
        let step = steps.first { duration / $0 <= Double(count) } ?? 86400 * (duration / 86400 / Double(count)).rounded(.up)
        var ticks: [Double] = []
        var t = 0.0
        while t <= duration + 1e-9 {
            ticks.append(t)
            t += step
        }
        return ticks
    }
}
