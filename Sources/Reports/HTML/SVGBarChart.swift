/// Comparison bars: one small horizontal bar chart per figure, one bar per
/// algorithm, its length the mean across replications and its whisker the 95%
/// confidence interval.
///
/// The means and half-widths come from `AlgorithmGroup.statistics` over the
/// same `SummaryMeasure` closures that write `summary.csv`'s `mean` and `ci95`
/// rows, so a bar can never disagree with the file beside it. Each bar carries
/// those two numbers in `data-mean` / `data-ci95`, formatted exactly as in the
/// CSV, which is what the tests (and a curious reader of the source) compare.
public enum SVGBarChart {
    /// Plot geometry in SVG user units (1 unit = 1 CSS px).
    public static let width = 360.0
    /// Room for the algorithm names left of the bars.
    public static let labelWidth = 96.0
    /// The length of a bar at the axis maximum.
    public static let plotWidth = 160.0
    public static let rowHeight = 18.0
    /// Title and unit line above the first bar.
    public static let top = 30.0

    /// One chart's figure: which `summary.csv` column, how to title it, and a
    /// display scale (blocking is a fraction in the CSV, shown in percent).
    struct Figure {
        var column: String
        var title: String
        var unit: String
        var scale: Double
        var decimals: Int
    }

    /// The figures the issue asks for, in reading order: what was lost, what it
    /// cost to avoid losses, how fast the core reacted, how fair the spread was.
    static let figures: [Figure] = [
        Figure(column: "blocking", title: "Blocking", unit: "% of offered calls", scale: 100, decimals: 2),
        Figure(column: "failed_over", title: "Calls that failed over", unit: "calls", scale: 1, decimals: 1),
        Figure(column: "sent_to_dead", title: "Attempts sent to a dead destination", unit: "INVITEs", scale: 1, decimals: 1),
        Figure(column: "setup_p95_ms", title: "Setup delay, 95th percentile", unit: "ms", scale: 1, decimals: 1),
        Figure(column: "detect_s", title: "Outage detection time", unit: "s, fault start to dst-down", scale: 1, decimals: 2),
        Figure(column: "recover_s", title: "Recovery time", unit: "s, fault end to dst-up", scale: 1, decimals: 2),
        Figure(column: "share_error", title: "Share error", unit: "max |share − target|, fraction", scale: 1, decimals: 4),
    ]

    /// Every figure's chart, in `figures` order.
    static func charts(_ groups: [AlgorithmGroup]) -> [String] {
        let measures = Dictionary(SummaryMeasure.all.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        return self.figures.compactMap { figure in
            measures[figure.column].map { self.chart(figure, measure: $0, groups: groups) }
        }
    }

    /// One figure's SVG.
    static func chart(_ figure: Figure, measure: SummaryMeasure, groups: [AlgorithmGroup]) -> String {
        let stats = groups.map { $0.statistics(measure.value) }
        let upper = stats.map { s -> Double in
            guard s.mean.isFinite else { return 0 }
            return (s.mean + (s.halfWidth.isFinite ? s.halfWidth : 0)) * figure.scale
        }.max() ?? 0
        let axis = AxisTicks.nice(maximum: upper, count: 4)
        let height = self.top + Double(groups.count) * self.rowHeight + 26
        let x = { (value: Double) -> Double in self.labelWidth + min(max(value / axis.top, 0), 1) * self.plotWidth }

        var svg = SVGBuilder()
        svg.raw("<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(HTMLText.coordinate(self.width)) \(HTMLText.coordinate(height))\" width=\"\(HTMLText.coordinate(self.width))\" height=\"\(HTMLText.coordinate(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(figure.title))\" data-measure=\"\(HTMLText.escape(figure.column))\">\n")
        svg.text(figure.title, x: 4, y: 13, cssClass: "title")
        svg.text(figure.unit + " · mean ± 95% CI", x: 4, y: 25, cssClass: "unit")

        let plotBottom = self.top + Double(groups.count) * self.rowHeight
        // Grid and axis labels.
        var tick = 0.0
        while tick <= axis.top + axis.step * 1e-9 {
            svg.line(x1: x(tick), y1: self.top - 2, x2: x(tick), y2: plotBottom, cssClass: tick == 0 ? "axis" : "grid")
            svg.text(DecimalFormat.string(tick, decimals: 6), x: x(tick), y: plotBottom + 11, anchor: "middle", cssClass: "tick")
            tick += axis.step
        }

        for (row, (group, s)) in zip(groups, stats).enumerated() {
            let y = self.top + Double(row) * self.rowHeight
            let mid = y + self.rowHeight / 2
            svg.text(group.algorithm, x: self.labelWidth - 5, y: mid + 3.5, anchor: "end", cssClass: "label")
            let mean = s.mean * figure.scale
            let half = s.halfWidth * figure.scale
            svg.rect(
                x: self.labelWidth, y: y + 4, width: mean.isFinite ? x(mean) - self.labelWidth : 0, height: self.rowHeight - 8,
                cssClass: "bar",
                extra: [
                    ("data-algorithm", group.algorithm), ("data-measure", figure.column),
                    ("data-mean", DecimalFormat.string(s.mean)), ("data-ci95", DecimalFormat.string(s.halfWidth)),
                ]
            )
            if mean.isFinite, half.isFinite, half > 0 {
                let lo = x(mean - half), hi = x(mean + half)
                svg.line(x1: lo, y1: mid, x2: hi, y2: mid, cssClass: "whisker")
                svg.line(x1: lo, y1: mid - 4, x2: lo, y2: mid + 4, cssClass: "whisker")
                svg.line(x1: hi, y1: mid - 4, x2: hi, y2: mid + 4, cssClass: "whisker")
            }
            var label = HTMLText.fixed(mean, decimals: figure.decimals)
            if half.isFinite { label += " ± " + HTMLText.fixed(half, decimals: figure.decimals) }
            svg.text(label, x: self.labelWidth + self.plotWidth + 6, y: mid + 3.5, cssClass: "value")
        }
        svg.raw("</svg>\n")
        return svg.text
    }
}
