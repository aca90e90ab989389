/// How destinations are told apart in every chart: a colour, a dash pattern, a
/// marker shape and a fill pattern, all indexed by the destination's position in
/// the list.
///
/// Colours alone fail in grey print and for colour-blind readers, so each
/// series also differs in dash, marker and hatch. The colours are the
/// Okabe–Ito palette, chosen to stay distinct under the common colour-vision
/// deficiencies; their luminances also differ, which helps in grey.
enum ChartStyle {
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    /// `stroke-dasharray` values; "" is a solid line.
    static let dashes = ["", "7 3", "2 2", "9 3 2 3", "4 4", "12 4", "1 3", "6 2 2 2 2 2"]
    static let markers = ["circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus", "star"]
    /// Fill pattern ids (defined by `patternDefinitions`), by destination.
    static let hatches = ["solid", "hatch-diagonal", "hatch-dots", "hatch-cross", "hatch-horizontal", "hatch-back", "hatch-grid", "hatch-vertical"]

    static func colour(_ index: Int) -> String { self.colours[index % self.colours.count] }
    static func dash(_ index: Int) -> String { self.dashes[index % self.dashes.count] }
    static func hatch(_ index: Int) -> String { self.hatches[index % self.hatches.count] }

    /// The marker for series `index`, centred on (x, y), as an SVG element.
    static func marker(_ index: Int, x: Double, y: Double, size: Double = 3.5) -> String {
        let c = HTMLText.coordinate
        let colour = self.colour(index)
        let shape = self.markers[index % self.markers.count]
        let stroke = "stroke=\"\(colour)\" stroke-width=\"1.2\""
        let filled = "fill=\"\(colour)\" \(stroke)"
        let open = "fill=\"#fff\" \(stroke)"
        switch shape {
        case "circle":
            return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(size))\" \(filled)/>"
        case "square":
            return "<rect x=\"\(c(x - size))\" y=\"\(c(y - size))\" width=\"\(c(2 * size))\" height=\"\(c(2 * size))\" \(open)/>"
        case "triangle":
            return "<path d=\"M\(c(x)) \(c(y - size * 1.2))L\(c(x + size * 1.1)) \(c(y + size * 0.8))L\(c(x - size * 1.1)) \(c(y + size * 0.8))Z\" \(filled)/>"
        case "diamond":
            return "<path d=\"M\(c(x)) \(c(y - size * 1.3))L\(c(x + size)) \(c(y))L\(c(x)) \(c(y + size * 1.3))L\(c(x - size)) \(c(y))Z\" \(open)/>"
        case "cross":
            return "<path d=\"M\(c(x - size)) \(c(y - size))L\(c(x + size)) \(c(y + size))M\(c(x - size)) \(c(y + size))L\(c(x + size)) \(c(y - size))\" fill=\"none\" \(stroke)/>"
        case "triangle-down":
            return "<path d=\"M\(c(x)) \(c(y + size * 1.2))L\(c(x + size * 1.1)) \(c(y - size * 0.8))L\(c(x - size * 1.1)) \(c(y - size * 0.8))Z\" \(open)/>"
        case "plus":
            return "<path d=\"M\(c(x - size)) \(c(y))L\(c(x + size)) \(c(y))M\(c(x)) \(c(y - size))L\(c(x)) \(c(y + size))\" fill=\"none\" \(stroke)/>"
        default:
            return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(size))\" \(open)/>"
        }
    }

    /// `<pattern>` definitions for `count` destinations: each is its colour with
    /// a hatch over it, so bars stay distinguishable in grey.
    static func patternDefinitions(count: Int, prefix: String) -> String {
        var text = "<defs>\n"
        for index in 0..<count {
            let colour = self.colour(index)
            let id = "\(prefix)-\(index)"
            let ink = "stroke=\"#fff\" stroke-width=\"1.6\""
            let overlay: String
            switch self.hatch(index) {
            case "hatch-diagonal": overlay = "<path d=\"M0 8L8 0\" \(ink)/>"
            case "hatch-dots": overlay = "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>"
            case "hatch-cross": overlay = "<path d=\"M0 8L8 0M0 0L8 8\" \(ink)/>"
            case "hatch-horizontal": overlay = "<path d=\"M0 4L8 4\" \(ink)/>"
            case "hatch-back": overlay = "<path d=\"M0 0L8 8\" \(ink)/>"
            case "hatch-grid": overlay = "<path d=\"M0 4L8 4M4 0L4 8\" \(ink)/>"
            case "hatch-vertical": overlay = "<path d=\"M4 0L4 8\" \(ink)/>"
            default: overlay = ""
            }
            text += "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
            text += "<rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>\(overlay)</pattern>\n"
        }
        return text + "</defs>\n"
    }
}
