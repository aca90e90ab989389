/// Share of answered calls per destination against its target share (from the
/// weights, or capacities without weights), grouped by algorithm.
///
/// A weighted policy doing its job puts each bar's top on its target line; the
/// gap is what `share_error` summarises as one number, and this chart shows
/// which destination it came from.
public enum SVGShareChart {
    public static let width = 720.0
    public static let plotLeft = 50.0
    public static let plotWidth = 660.0
    public static let plotTop = 34.0
    public static let plotHeight = 160.0

    /// Mean over replications of each destination's `share` and `target_share`
    /// (as in `destinations.csv`), in `destinations` order.
    static func means(_ group: AlgorithmGroup, destinations: [String]) -> [(share: Double, target: Double)] {
        destinations.map { name in
            let rows = group.replications.compactMap { $0.destinations.first { $0.name == name } }
            return (Statistics.mean(rows.map(\.share).filter { !$0.isNaN }), Statistics.mean(rows.map(\.targetShare).filter { !$0.isNaN }))
        }
    }

    static func chart(_ groups: [AlgorithmGroup], destinations: [String]) -> String {
        let c = HTMLText.coordinate
        let all = groups.map { self.means($0, destinations: destinations) }
        let maximum = all.flatMap { $0.flatMap { [$0.share, $0.target] } }.filter(\.isFinite).max() ?? 0
        let axis = AxisTicks.nice(maximum: maximum, count: 5)
        let y = { (v: Double) in self.plotTop + self.plotHeight - min(max(v / axis.top, 0), 1) * self.plotHeight }
        let groupWidth = self.plotWidth / Double(max(1, groups.count))
        let barWidth = min(28, (groupWidth - 16) / Double(max(1, destinations.count)))
        let height = self.plotTop + self.plotHeight + 34

        var svg = SVGBuilder()
        svg.raw("<svg class=\"chart shares\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(self.width)) \(c(height))\" width=\"\(c(self.width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"share of answered calls per destination\">\n")
        svg.raw(ChartStyle.patternDefinitions(count: destinations.count, prefix: "share-fill"))
        // Legend.
        var legendX = 4.0
        for (index, name) in destinations.enumerated() {
            svg.rect(x: legendX, y: 6, width: 14, height: 10, cssClass: "legend-swatch", extra: [("fill", "url(#share-fill-\(index))")])
            svg.text(name, x: legendX + 18, y: 15, cssClass: "legend")
            legendX += 30 + Double(name.count) * 6
        }
        svg.raw("<path d=\"M\(c(legendX)) 11H\(c(legendX + 16))\" class=\"target\"/>\n")
        svg.text("target share (weights or capacities)", x: legendX + 20, y: 15, cssClass: "legend")

        var tick = 0.0
        while tick <= axis.top + axis.step * 1e-9 {
            svg.line(x1: self.plotLeft, y1: y(tick), x2: self.plotLeft + self.plotWidth, y2: y(tick), cssClass: tick == 0 ? "axis" : "grid")
            svg.text(DecimalFormat.string(tick * 100, decimals: 4) + "%", x: self.plotLeft - 4, y: y(tick) + 3.5, anchor: "end", cssClass: "tick")
            tick += axis.step
        }
        svg.line(x1: self.plotLeft, y1: self.plotTop, x2: self.plotLeft, y2: self.plotTop + self.plotHeight, cssClass: "axis")

        for (g, (group, means)) in zip(groups, all).enumerated() {
            let groupLeft = self.plotLeft + Double(g) * groupWidth
            let barsLeft = groupLeft + (groupWidth - barWidth * Double(destinations.count)) / 2
            for (index, (name, m)) in zip(destinations, means).enumerated() {
                let left = barsLeft + Double(index) * barWidth
                let top = m.share.isFinite ? y(m.share) : y(0)
                svg.rect(
                    x: left + 1, y: top, width: barWidth - 2, height: y(0) - top, cssClass: "share-bar",
                    extra: [
                        ("fill", "url(#share-fill-\(index))"), ("data-algorithm", group.algorithm), ("data-destination", name),
                        ("data-share", DecimalFormat.string(m.share)), ("data-target", DecimalFormat.string(m.target)),
                    ]
                )
                if m.target.isFinite {
                    svg.raw("<path d=\"M\(c(left - 1)) \(c(y(m.target)))H\(c(left + barWidth + 1))\" class=\"target\"/>\n")
                }
            }
            svg.text(group.algorithm, x: groupLeft + groupWidth / 2, y: self.plotTop + self.plotHeight + 14, anchor: "middle", cssClass: "label")
        }
        svg.text("share of answered calls, mean over replications", x: self.plotLeft + self.plotWidth, y: self.plotTop + self.plotHeight + 30, anchor: "end", cssClass: "tick")
        svg.raw("</svg>\n")
        return svg.text
    }
}
