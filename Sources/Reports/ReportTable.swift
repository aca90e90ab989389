/// One of the CSV files a run writes (`summary.csv`, `destinations.csv`, …):
/// its name, its columns, and how a `RunReport` becomes its rows.
///
/// The rows are produced once, through `forEachRow`, and then either collected
/// in memory (`document(for:)`, for tests and for serving a report over HTTP in
/// live mode) or streamed to disk (`write(_:toFile:)`); both go through
/// `CSVWriter.line`, so they are byte for byte the same. Column meanings are
/// documented in docs/reports.md.
public protocol ReportTable {
    /// The file's name inside the run's output folder.
    static var fileName: String { get }
    /// The column names, in order: the header row.
    static var header: [String] { get }
    /// Calls `body` with each data row of `report`, in the file's row order.
    static func forEachRow(of report: RunReport, _ body: ([CSVField]) throws -> Void) rethrows
}

extension ReportTable {
    /// The whole file as an in-memory document.
    public static func document(for report: RunReport) throws -> CSVWriter {
        var csv = CSVWriter(header: Self.header)
        try Self.forEachRow(of: report) { try csv.appendRow($0) }
        return csv
    }

    /// Writes the file to `path`, replacing it, without building it in memory
    /// first: a long run's time series can be far larger than its summary.
    public static func write(_ report: RunReport, toFile path: String) throws {
        let stream = try CSVFileStream(path: path, header: Self.header)
        try Self.forEachRow(of: report) { try stream.appendRow($0) }
        try stream.close()
    }
}
