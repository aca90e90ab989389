/// One measured column of `summary.csv`: how to read it from a replication's
/// `SummaryMetrics`, and whether it is a count.
///
/// The table of measures is the single place that ties a column name to a
/// field, shared by the CSV rows and their mean/ci95 rows, so a column can
/// never be written from one field and summarised from another.
struct SummaryMeasure {
    /// The CSV column name.
    var column: String
    /// Counts are written as integers in replication rows; their mean and ci95
    /// are fractional like any other.
    var isCount: Bool
    /// The replication's value; nil (or NaN) when it has none.
    var value: (SummaryMetrics) -> Double?

    /// The replication row's field: an integer for counts, empty when missing.
    func field(_ metrics: SummaryMetrics) -> CSVField {
        guard let v = self.value(metrics), !v.isNaN else { return .text("") }
        if self.isCount, let count = Int(exactly: v) { return .integer(count) }
        return .number(v)
    }

    /// Every measured column, in `summary.csv` order (after scenario, algorithm, replication).
    static var all: [SummaryMeasure] {
        [
            .count("offered") { $0.offered },
            .count("answered") { $0.answered },
            .count("blocked") { $0.blocked },
            .number("blocking") { $0.blocking },
            .count("failed_over") { $0.failedOver },
            .count("attempts") { $0.attempts },
            .count("sent_to_dead") { $0.sentToDead },
            .number("setup_p50_ms") { $0.setupP50Ms },
            .number("setup_p95_ms") { $0.setupP95Ms },
            .number("setup_p99_ms") { $0.setupP99Ms },
            .number("detect_s") { $0.detectSeconds },
            .number("recover_s") { $0.recoverSeconds },
            .number("peak_to_mean") { $0.peakToMean },
            .number("share_error") { $0.shareError },
            .number("jain") { $0.jain },
        ]
    }

    static func count(_ column: String, _ value: @escaping (SummaryMetrics) -> Int) -> SummaryMeasure {
        SummaryMeasure(column: column, isCount: true) { Double(value($0)) }
    }

    static func number(_ column: String, _ value: @escaping (SummaryMetrics) -> Double?) -> SummaryMeasure {
        SummaryMeasure(column: column, isCount: false, value: value)
    }
}
