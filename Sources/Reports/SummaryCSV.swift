/// `summary.csv`: one row per algorithm × replication, then that algorithm's
/// `mean` and `ci95` rows.
///
/// Putting the across-replication rows in the same file, marked in the
/// `replication` column, keeps one schema for everything a comparison needs: a
/// reader filters `replication == "mean"` for the headline figures and still has
/// the raw replications to plot or re-analyse.
public enum SummaryCSV: ReportTable {
    public static let fileName = "summary.csv"

    public static var header: [String] {
        ["scenario", "algorithm", "replication"] + SummaryMeasure.all.map(\.column)
    }

    /// Rows by algorithm in first-appearance order; within one, replications by
    /// number, then `mean`, then `ci95` (the 95% half-width, Student's t with
    /// n − 1 degrees of freedom over the n replications that have the value;
    /// empty when n < 2).
    public static func forEachRow(of report: RunReport, _ body: ([CSVField]) throws -> Void) rethrows {
        let measures = SummaryMeasure.all
        for group in report.algorithmGroups {
            let prefix: (String) -> [CSVField] = { [.text(report.scenario), .text(group.algorithm), .text($0)] }
            for replication in group.replications {
                try body(prefix(String(replication.replication)) + measures.map { $0.field(replication.summary) })
            }
            let statistics = measures.map { group.statistics($0.value) }
            try body(prefix("mean") + statistics.map { .number($0.mean) })
            try body(prefix("ci95") + statistics.map { .number($0.halfWidth) })
        }
    }
}
