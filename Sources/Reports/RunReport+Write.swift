import Foundation

extension RunReport {
    /// The tables `write(to:)` produces, in the order it writes them.
    public static var tables: [any ReportTable.Type] { [SummaryCSV.self, DestinationsCSV.self, TimeseriesCSV.self, EventsCSV.self] }

    /// Writes `summary.csv`, `destinations.csv`, `timeseries.csv` and
    /// `events.csv` into `directory`, creating it (and its parents) if needed and
    /// replacing files of the same names.
    ///
    /// The same report always gives the same bytes, which is what lets two runs
    /// with the same seed be compared with `cmp`. `calls.csv` (`CallLogWriter`)
    /// and `scenario.yaml` are written beside these by the driver, which owns
    /// them. A failure names the file; files written before it are left in place.
    public func write(to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportFileError(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        for table in Self.tables {
            try table.write(self, toFile: folder.appendingPathComponent(table.fileName).path)
        }
    }
}
