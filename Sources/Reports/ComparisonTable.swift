extension RunReport {
    /// A fixed-width text table for the terminal: one line per algorithm (in
    /// first-appearance order) with the mean across replications of the headline
    /// figures, followed by `± ci95` when the algorithm ran more than one
    /// replication. Missing values (no fault detected, or fewer than two values
    /// for a half-width) print as `-`. Every line, the last included, ends in LF.
    ///
    /// It is a glance at the result, not a data format: plain text with no ANSI
    /// escapes so it survives being piped to a file or pasted into an issue;
    /// `summary.csv` holds the same numbers at full precision.
    ///
    /// ```
    /// algorithm     blocking %  failed over  sent to dead  …
    /// round-robin  2.69 ± 1.66    6.0 ± 7.5     2.0 ± 2.5  …
    /// weighted     0.00 ± 0.00    2.0 ± 2.5     0.0 ± 0.0  …
    /// ```
    public func comparisonTable() -> String {
        let columns = ComparisonColumn.all
        let groups = self.algorithmGroups
        let showInterval = groups.contains { $0.replications.count > 1 }

        var table: [[String]] = [["algorithm"] + columns.map(\.title)]
        var cells: [[(mean: String, halfWidth: String)]] = columns.map { _ in [] }
        for group in groups {
            let intervals = group.replications.count > 1
            for (index, column) in columns.enumerated() {
                let stats = group.statistics(column.value)
                let mean = ComparisonColumn.fixed(stats.mean * column.scale, decimals: column.decimals)
                // No half-width for a single replication, nor beside a missing mean.
                let halfWidth = intervals && !stats.mean.isNaN
                    ? ComparisonColumn.fixed(stats.halfWidth * column.scale, decimals: column.decimals) : ""
                cells[index].append((mean, halfWidth))
            }
        }
        // Each figure column is the mean right-aligned, then "±" and the half-width
        // right-aligned, so the ± signs line up down the column. A cell without a
        // half-width leaves that part blank.
        let meanWidths = cells.map { column in column.map(\.mean.count).max() ?? 0 }
        let halfWidthWidths = cells.map { column in column.map(\.halfWidth.count).max() ?? 0 }
        for (rowIndex, group) in groups.enumerated() {
            var row = [group.algorithm]
            for (columnIndex, column) in cells.enumerated() {
                let cell = column[rowIndex]
                var text = cell.mean.padded(toWidth: meanWidths[columnIndex], right: true)
                if halfWidthWidths[columnIndex] > 0 {
                    text += cell.halfWidth.isEmpty
                        ? String(repeating: " ", count: 3 + halfWidthWidths[columnIndex])
                        : " ± " + cell.halfWidth.padded(toWidth: halfWidthWidths[columnIndex], right: true)
                }
                row.append(text)
            }
            table.append(row)
        }

        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var lines = table.map { row in
            row.enumerated().map { column, text in
                text.padded(toWidth: widths[column], right: column > 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        if showInterval {
            lines.append("± is the 95% confidence half-width across replications (Student's t).")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One figure of the comparison table: where it comes from and how it prints.
private struct ComparisonColumn {
    var title: String
    /// Multiplies the value before printing (100 for a percentage).
    var scale: Double
    var decimals: Int
    var value: (SummaryMetrics) -> Double?

    /// The figures, in the order the table shows them: loss first, then the
    /// cost of outages, then balance.
    static var all: [ComparisonColumn] {
        [
            ComparisonColumn(title: "blocking %", scale: 100, decimals: 2) { $0.blocking },
            ComparisonColumn(title: "failed over", scale: 1, decimals: 1) { Double($0.failedOver) },
            ComparisonColumn(title: "sent to dead", scale: 1, decimals: 1) { Double($0.sentToDead) },
            ComparisonColumn(title: "setup p95 ms", scale: 1, decimals: 1) { $0.setupP95Ms },
            ComparisonColumn(title: "detect s", scale: 1, decimals: 2) { $0.detectSeconds },
            ComparisonColumn(title: "recover s", scale: 1, decimals: 2) { $0.recoverSeconds },
            ComparisonColumn(title: "share error", scale: 1, decimals: 4) { $0.shareError },
            ComparisonColumn(title: "jain", scale: 1, decimals: 4) { $0.jain },
        ]
    }

    /// `value` with exactly `decimals` places (trailing zeros kept, so columns
    /// line up on the point); `-` for a missing value.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard !value.isNaN else { return "-" }
        var text = DecimalFormat.string(value, decimals: decimals)
        guard value.isFinite, decimals > 0 else { return text }
        let fractionDigits = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        if let fractionDigits {
            text += String(repeating: "0", count: decimals - fractionDigits)
        } else {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }
}

extension String {
    /// Padded with spaces to `width` characters, on the left when `right` (right-aligned).
    fileprivate func padded(toWidth width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - self.count))
        return right ? padding + self : self + padding
    }

    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
