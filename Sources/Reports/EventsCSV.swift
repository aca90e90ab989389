/// `events.csv`: every health state change the core reported, so an outage can
/// be traced from the fault to the core's reaction and back.
public enum EventsCSV: ReportTable {
    public static let fileName = "events.csv"

    public static let header = ["algorithm", "replication", "t_s", "destination", "from", "to", "cause"]

    /// Rows by algorithm in first-appearance order, then replication number,
    /// then time; changes at the same instant keep the order the core reported
    /// them in, which is their causal order.
    public static func forEachRow(of report: RunReport, _ body: ([CSVField]) throws -> Void) rethrows {
        for group in report.algorithmGroups {
            for replication in group.replications {
                for e in replication.events.inTimeOrder(\.time) {
                    try body([
                        .text(group.algorithm), .integer(replication.replication), .number(e.time),
                        .text(e.destination), .text(e.from), .text(e.to), .text(e.cause),
                    ])
                }
            }
        }
    }
}
