/// One algorithm's run over time: active calls per destination (the mean across
/// replications at each report instant), the fault windows shaded and named,
/// and a band per destination under the plot with the core's health state.
///
/// Read together they show an outage's story: the fault starts (shaded), the
/// faulted destination's band turns from A to T to I (detection), the other
/// lines jump (the failover surge), and after the fault the band returns to A
/// and the lines settle (recovery).
public enum SVGTimeline {
    /// Plot geometry in SVG user units (1 unit = 1 CSS px). A time `t` (seconds
    /// since the start of the run) sits at `plotLeft + t / duration · plotWidth`.
    public static let width = 720.0
    public static let plotLeft = 96.0
    public static let plotWidth = 610.0
    public static let plotTop = 40.0
    public static let plotHeight = 170.0
    /// One health-state band per destination below the plot.
    public static let bandHeight = 10.0
    public static let bandGap = 3.0

    /// The x of time `t` on a run of `duration` seconds.
    static func x(_ t: Double, duration: Double) -> Double {
        self.plotLeft + min(max(t / duration, 0), 1) * self.plotWidth
    }

    /// The base state letter (A, T, I, D) most replications had, ties going to
    /// the more severe state so that a short outage is never hidden.
    static func majorityState(_ states: [Character]) -> Character {
        let severity: [Character] = ["I", "D", "T", "A"]
        var best: Character = "A"
        var bestCount = -1
        for state in severity {
            let count = states.count(where: { $0 == state })
            if count > bestCount {
                best = state
                bestCount = count
            }
        }
        return best
    }

    /// The x axis' length: the scenario's duration, else the last instant recorded.
    static func duration(context: ReportContext, groups: [AlgorithmGroup]) -> Double {
        if context.durationSeconds > 0 { return context.durationSeconds }
        let last = groups.flatMap { $0.replications.flatMap { $0.timeseries.map(\.time) } }.max() ?? 0
        return last > 0 ? last : 1
    }

    /// One destination's point: the mean active calls across replications at
    /// one report instant, and every replication's base state letter there.
    struct Point {
        var time: Double
        var mean: Double
        var states: [Character]
    }

    /// Mean active and states per destination per instant, in time order.
    static func series(_ group: AlgorithmGroup) -> [String: [Point]] {
        var sums: [String: [Double: (active: Int, count: Int, states: [Character])]] = [:]
        for replication in group.replications {
            for p in replication.timeseries {
                var entry = sums[p.destination, default: [:]][p.time] ?? (0, 0, [])
                entry.active += p.active
                entry.count += 1
                entry.states.append(p.state.first ?? "A")
                sums[p.destination, default: [:]][p.time] = entry
            }
        }
        return sums.mapValues { byTime in
            byTime.sorted { $0.key < $1.key }.map { Point(time: $0.key, mean: Double($0.value.active) / Double($0.value.count), states: $0.value.states) }
        }
    }

    /// The largest mean active calls in `group`, for a y axis shared by all timelines.
    static func maximum(_ group: AlgorithmGroup) -> Double {
        self.series(group).values.flatMap { $0.map(\.mean) }.max() ?? 0
    }

    /// The SVG for one algorithm.
    static func chart(_ group: AlgorithmGroup, destinations: [String], context: ReportContext, duration: Double, yTop: Double) -> String {
        let sums = self.series(group)
        let axis = AxisTicks.nice(maximum: yTop, count: 5)
        let bandsTop = self.plotTop + self.plotHeight + 22
        let height = bandsTop + Double(destinations.count) * (self.bandHeight + self.bandGap) + 28
        let x = { (t: Double) in self.x(t, duration: duration) }
        let y = { (v: Double) in self.plotTop + self.plotHeight - min(max(v / axis.top, 0), 1) * self.plotHeight }
        let c = HTMLText.coordinate

        var svg = SVGBuilder()
        svg.raw("<svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(self.width)) \(c(height))\" width=\"\(c(self.width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(HTMLText.escape("active calls over time, " + group.algorithm))\" data-algorithm=\"\(HTMLText.escape(group.algorithm))\" data-duration=\"\(DecimalFormat.string(duration))\">\n")
        svg.text(group.algorithm, x: 4, y: 14, cssClass: "title")
        svg.text("active calls per destination, mean of \(group.replications.count) replication\(group.replications.count == 1 ? "" : "s")", x: 4 + Double(group.algorithm.count) * 7.5 + 8, y: 14, cssClass: "unit")

        // Legend: a line sample with its dash and marker per destination.
        var legendX = 4.0
        for (index, name) in destinations.enumerated() {
            svg.raw("<path d=\"M\(c(legendX)) 27H\(c(legendX + 26))\" stroke=\"\(ChartStyle.colour(index))\" stroke-dasharray=\"\(ChartStyle.dash(index))\" class=\"series\"/>\n")
            svg.raw(ChartStyle.marker(index, x: legendX + 13, y: 27) + "\n")
            svg.text(name, x: legendX + 31, y: 30.5, cssClass: "legend")
            legendX += 40 + Double(name.count) * 6
        }

        // Warm-up and fault windows, behind everything else.
        if context.warmupSeconds > 0 {
            svg.rect(x: x(0), y: self.plotTop, width: x(context.warmupSeconds) - x(0), height: self.plotHeight, cssClass: "warmup")
            svg.text("warm-up", x: x(0) + 3, y: self.plotTop + self.plotHeight - 4, cssClass: "note")
        }
        let bandsBottom = bandsTop + Double(destinations.count) * (self.bandHeight + self.bandGap)
        for (index, fault) in context.faults.enumerated() {
            let left = x(fault.start)
            svg.rect(
                x: left, y: self.plotTop, width: x(fault.end) - left, height: bandsBottom - self.plotTop, cssClass: "fault",
                extra: [("data-destination", fault.destination), ("data-kind", fault.kind), ("data-start", DecimalFormat.string(fault.start)), ("data-end", DecimalFormat.string(fault.end))]
            )
            svg.text("\(fault.destination) \(fault.kind)", x: left + 2, y: self.plotTop + 10 + Double(index % 2) * 11, cssClass: "fault-label")
        }

        // Axes and grid.
        var tick = 0.0
        while tick <= axis.top + axis.step * 1e-9 {
            svg.line(x1: self.plotLeft, y1: y(tick), x2: self.plotLeft + self.plotWidth, y2: y(tick), cssClass: tick == 0 ? "axis" : "grid")
            svg.text(DecimalFormat.string(tick, decimals: 6), x: self.plotLeft - 4, y: y(tick) + 3.5, anchor: "end", cssClass: "tick")
            tick += axis.step
        }
        svg.line(x1: self.plotLeft, y1: self.plotTop, x2: self.plotLeft, y2: self.plotTop + self.plotHeight, cssClass: "axis")
        svg.element("text", [("x", c(self.plotLeft - 32)), ("y", c(self.plotTop + self.plotHeight / 2)), ("text-anchor", "middle"), ("class", "tick"), ("transform", "rotate(-90 \(c(self.plotLeft - 32)) \(c(self.plotTop + self.plotHeight / 2)))")], content: "active calls")
        for t in AxisTicks.time(duration: duration) {
            svg.line(x1: x(t), y1: self.plotTop + self.plotHeight, x2: x(t), y2: self.plotTop + self.plotHeight + 4, cssClass: "axis")
            svg.text(HTMLText.clock(t), x: x(t), y: self.plotTop + self.plotHeight + 14, anchor: "middle", cssClass: "tick")
        }
        svg.text("time since start of run", x: self.plotLeft + self.plotWidth, y: bandsBottom + 22, anchor: "end", cssClass: "tick")

        // Lines, then markers spread along them (offset per series so they do not stack).
        for (index, name) in destinations.enumerated() {
            let series = sums[name] ?? []
            guard !series.isEmpty else { continue }
            var d = ""
            for (i, point) in series.enumerated() {
                d += (i == 0 ? "M" : "L") + c(x(point.time)) + " " + c(y(point.mean))
            }
            svg.element("path", [("d", d), ("stroke", ChartStyle.colour(index)), ("stroke-dasharray", ChartStyle.dash(index)), ("class", "series"), ("data-destination", name)])
            let every = max(1, series.count / 10)
            var i = (every * (index + 1)) / (destinations.count + 1)
            while i < series.count {
                let point = series[i]
                svg.raw(ChartStyle.marker(index, x: x(point.time), y: y(point.mean)) + "\n")
                i += every
            }
        }

        // Health-state bands: runs of the same majority state merged into one rect.
        for (row, name) in destinations.enumerated() {
            let top = bandsTop + Double(row) * (self.bandHeight + self.bandGap)
            svg.text(name, x: self.plotLeft - 4, y: top + self.bandHeight - 1.5, anchor: "end", cssClass: "band-label")
            let series = sums[name] ?? []
            var start = 0.0
            var current: Character? = nil
            var runs: [(Double, Double, Character)] = []
            for (i, point) in series.enumerated() {
                let state = self.majorityState(point.states)
                let t = i == 0 ? 0 : point.time
                if state != current {
                    if let current { runs.append((start, t, current)) }
                    current = state
                    start = t
                }
            }
            if let current { runs.append((start, duration, current)) }
            for (from, to, state) in runs {
                svg.rect(x: x(from), y: top, width: x(to) - x(from), height: self.bandHeight, cssClass: "state state-\(state)", extra: [("data-destination", name), ("data-state", String(state))])
                if x(to) - x(from) > 12 {
                    svg.text(String(state), x: x(from) + 3, y: top + self.bandHeight - 2, cssClass: "state-letter state-letter-\(state)")
                }
            }
        }
        svg.raw("</svg>\n")
        return svg.text
    }
}
