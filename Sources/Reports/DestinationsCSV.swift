/// `destinations.csv`: how each destination fared, one row per algorithm ×
/// replication × destination.
///
/// Kept per replication (no mean rows) because its questions are about
/// individual destinations within one run — who took the load, who sat out the
/// outage — and the summary already carries the across-replication figures.
public enum DestinationsCSV: ReportTable {
    public static let fileName = "destinations.csv"

    public static let header = [
        "algorithm", "replication", "destination", "attempts", "answered", "rejected", "timeouts",
        "share", "target_share", "mean_active", "peak_active", "utilisation", "inactive_s",
    ]

    /// Rows by algorithm in first-appearance order, then replication number,
    /// then destination in the order the replication lists them (the
    /// destination list's order).
    public static func forEachRow(of report: RunReport, _ body: ([CSVField]) throws -> Void) rethrows {
        for group in report.algorithmGroups {
            for replication in group.replications {
                for d in replication.destinations {
                    try body([
                        .text(group.algorithm), .integer(replication.replication), .text(d.name),
                        .integer(d.attempts), .integer(d.answered), .integer(d.rejected), .integer(d.timeouts),
                        .number(d.share), .number(d.targetShare), .number(d.meanActive), .integer(d.peakActive),
                        .number(d.utilisation), .number(d.inactiveSeconds),
                    ])
                }
            }
        }
    }
}
