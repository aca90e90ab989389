/// The summary table: one row per algorithm, each figure's mean ± 95% CI, the
/// best value in each column marked.
///
/// "Best" needs a direction, so only figures with one are ranked: lower is
/// better for losses, delays and imbalance, higher for Jain's index; the counts
/// of offered and answered calls are the same load for every algorithm (common
/// random numbers) and are not ranked. A column where every algorithm has the
/// same mean marks nothing, since no algorithm is better there. The mark is a
/// bold value with a `★`, so it survives grey print.
enum SummaryTableHTML {
    /// Display settings per `summary.csv` column: title, unit, scale, decimals,
    /// and whether lower (`-1`), higher (`+1`) or neither (`0`) is better.
    struct Column {
        var column: String
        var title: String
        var scale: Double
        var decimals: Int
        var better: Int
    }

    static let columns: [Column] = [
        Column(column: "offered", title: "offered", scale: 1, decimals: 1, better: 0),
        Column(column: "answered", title: "answered", scale: 1, decimals: 1, better: 0),
        Column(column: "blocking", title: "blocking %", scale: 100, decimals: 3, better: -1),
        Column(column: "failed_over", title: "failed over", scale: 1, decimals: 1, better: -1),
        Column(column: "sent_to_dead", title: "sent to dead", scale: 1, decimals: 1, better: -1),
        Column(column: "setup_p50_ms", title: "setup p50 ms", scale: 1, decimals: 1, better: -1),
        Column(column: "setup_p95_ms", title: "setup p95 ms", scale: 1, decimals: 1, better: -1),
        Column(column: "setup_p99_ms", title: "setup p99 ms", scale: 1, decimals: 1, better: -1),
        Column(column: "detect_s", title: "detect s", scale: 1, decimals: 2, better: -1),
        Column(column: "recover_s", title: "recover s", scale: 1, decimals: 2, better: -1),
        Column(column: "peak_to_mean", title: "peak / mean", scale: 1, decimals: 3, better: -1),
        Column(column: "share_error", title: "share error", scale: 1, decimals: 4, better: -1),
        Column(column: "jain", title: "Jain", scale: 1, decimals: 4, better: 1),
    ]

    static func table(_ groups: [AlgorithmGroup]) -> String {
        let measures = Dictionary(SummaryMeasure.all.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = self.columns.filter { measures[$0.column] != nil }
        // stats[column][row]
        let stats = columns.map { column in groups.map { group in measures[column.column].map { group.statistics($0.value) } } }

        var html = "<table class=\"summary\">\n<thead><tr><th>algorithm</th>"
        for column in columns { html += "<th>\(HTMLText.escape(column.title))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        // The best mean per column, compared as displayed so that a mark never
        // singles out a value that prints the same as another.
        let best: [String?] = zip(columns, stats).map { column, values in
            guard column.better != 0 else { return nil }
            let shown = values.compactMap { s -> (Double, String)? in
                guard let s, s.mean.isFinite else { return nil }
                let text = HTMLText.fixed(s.mean * column.scale, decimals: column.decimals)
                return (Double(text) ?? s.mean, text)
            }
            guard let first = shown.first, shown.contains(where: { $0.1 != first.1 }) else { return nil }
            let pick = column.better < 0 ? shown.min { $0.0 < $1.0 } : shown.max { $0.0 < $1.0 }
            return pick?.1
        }
        for (row, group) in groups.enumerated() {
            html += "<tr data-algorithm=\"\(HTMLText.escape(group.algorithm))\"><th scope=\"row\">\(HTMLText.escape(group.algorithm))</th>"
            for (index, column) in columns.enumerated() {
                guard let s = stats[index][row], s.mean.isFinite else {
                    html += "<td data-column=\"\(column.column)\">–</td>"
                    continue
                }
                let mean = HTMLText.fixed(s.mean * column.scale, decimals: column.decimals)
                var cell = mean
                if s.halfWidth.isFinite { cell += "<br><span class=\"ci\">± \(HTMLText.fixed(s.halfWidth * column.scale, decimals: column.decimals))</span>" }
                let isBest = best[index] == mean
                html += "<td data-column=\"\(column.column)\" data-mean=\"\(DecimalFormat.string(s.mean))\"\(isBest ? " class=\"best\"" : "")>"
                html += isBest ? "<strong>★ \(cell)</strong>" : cell
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<p class=\"note\">Mean over replications ± the 95% confidence half-width (Student's t). ★ marks the best value in a column (lower is better, except Jain's index); offered and answered are not ranked, nor is a column where all algorithms are equal.</p>\n"
        return html
    }
}
