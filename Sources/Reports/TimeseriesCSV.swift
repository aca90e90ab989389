/// `timeseries.csv`: each destination at the end of each report interval, for
/// plotting load and state against time.
public enum TimeseriesCSV: ReportTable {
    public static let fileName = "timeseries.csv"

    public static let header = ["algorithm", "replication", "t_s", "destination", "active", "attempts", "state"]

    /// Rows by algorithm in first-appearance order, then replication number,
    /// then time; points at the same time keep the order the driver recorded
    /// them in (the destination list's order).
    public static func forEachRow(of report: RunReport, _ body: ([CSVField]) throws -> Void) rethrows {
        for group in report.algorithmGroups {
            for replication in group.replications {
                for p in replication.timeseries.inTimeOrder(\.time) {
                    try body([
                        .text(group.algorithm), .integer(replication.replication), .number(p.time),
                        .text(p.destination), .integer(p.active), .integer(p.attempts), .text(p.state),
                    ])
                }
            }
        }
    }
}
