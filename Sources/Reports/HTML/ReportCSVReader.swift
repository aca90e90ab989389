import Foundation

/// Reads RFC 4180 CSV text back into records: the inverse of `CSVWriter`.
///
/// Exists for `dispatchlab report DIR`, which rebuilds the HTML report of an
/// old run from its files, and for round-trip tests of the writers. It accepts
/// what RFC 4180 allows and a little more: LF or CRLF record ends, a missing
/// final line end. A quote inside an unquoted field, or a quoted field that
/// never ends, is an error with its line, not a guess.
public enum ReportCSVReader {
    /// The records of `text`, header included, each a list of field strings.
    public static func records(_ text: String) throws(CSVError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var line = 1
        var inQuotes = false
        var quoteLine = 1
        var wasQuoted = false
        var bytes = Array(text.utf8)[...]
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let byte = bytes.popFirst() {
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if bytes.first == UInt8(ascii: "\"") {
                        field.append(byte)
                        bytes.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw CSVError(message: "line \(line): a quote inside an unquoted field")
                }
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            case UInt8(ascii: ","):
                endField()
            case 0x0D where bytes.first == 0x0A:
                break
            case 0x0A:
                endField()
                records.append(record)
                record.removeAll(keepingCapacity: true)
                line += 1
            default:
                guard !wasQuoted else {
                    throw CSVError(message: "line \(line): text after a quoted field's closing quote")
                }
                field.append(byte)
            }
        }
        if inQuotes { throw CSVError(message: "line \(quoteLine): a quoted field opened here is not closed") }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            endField()
            records.append(record)
        }
        return records
    }

    /// A parsed file: its header and rows, with typed access by column name.
    struct Table {
        var file: String
        var columns: [String: Int]
        var rows: [[String]]

        init(file: String, text: String, required: [String]) throws {
            let records: [[String]]
            do {
                records = try ReportCSVReader.records(text)
            } catch {
                throw ReportFileError(path: file, reason: error.message)
            }
            guard let header = records.first else { throw ReportFileError(path: file, reason: "empty file: no header row") }
            self.file = file
            self.columns = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for name in required where self.columns[name] == nil {
                throw ReportFileError(path: file, reason: "no column '\(name)' in the header")
            }
            self.rows = Array(records.dropFirst())
            for (index, row) in self.rows.enumerated() where row.count != header.count {
                throw ReportFileError(path: file, reason: "row \(index + 1) has \(row.count) fields, the header \(header.count)")
            }
        }

        func text(_ row: [String], _ column: String) -> String {
            self.columns[column].map { row[$0] } ?? ""
        }

        func integer(_ row: [String], _ column: String, line: Int) throws -> Int {
            let text = self.text(row, column)
            guard let value = Int(text) else { throw self.bad(column, text, line, "an integer") }
            return value
        }

        /// A number; an empty field (no value) reads as NaN, as it was written.
        func number(_ row: [String], _ column: String, line: Int) throws -> Double {
            let text = self.text(row, column)
            if text.isEmpty { return .nan }
            guard let value = Double(text) else { throw self.bad(column, text, line, "a number") }
            return value
        }

        func optionalNumber(_ row: [String], _ column: String, line: Int) throws -> Double? {
            let value = try self.number(row, column, line: line)
            return value.isNaN ? nil : value
        }

        private func bad(_ column: String, _ text: String, _ line: Int, _ expected: String) -> ReportFileError {
            ReportFileError(path: self.file, reason: "line \(line + 2), column \(column): expected \(expected), got '\(text)'")
        }
    }
}

extension RunReport {
    /// Reads a run folder's `summary.csv`, `destinations.csv`, `timeseries.csv`
    /// and `events.csv` back into a report: the inverse of `write(to:)`, up to
    /// the 6-decimal rounding of numbers.
    ///
    /// The CSVs do not carry the seed, so the caller passes it (from
    /// `scenario.yaml`). Only replication rows of `summary.csv` are read; the
    /// `mean` and `ci95` rows are recomputed from them. A missing file, column
    /// or malformed value is an error naming the file and line.
    public static func read(fromDirectory directory: String, seed: UInt64 = 0) throws -> RunReport {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        func table(_ name: String, _ required: [String]) throws -> ReportCSVReader.Table {
            let path = folder.appendingPathComponent(name).path
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ReportFileError(path: path, reason: "cannot read the file: \(error.localizedDescription)")
            }
            return try ReportCSVReader.Table(file: path, text: text, required: required)
        }

        let summary = try table(SummaryCSV.fileName, SummaryCSV.header)
        var replications: [ReplicationReport] = []
        var indexByKey: [String: Int] = [:]
        var scenario = ""
        for (line, row) in summary.rows.enumerated() {
            guard let number = Int(summary.text(row, "replication")) else { continue }  // mean / ci95
            scenario = summary.text(row, "scenario")
            var s = SummaryMetrics()
            s.offered = try summary.integer(row, "offered", line: line)
            s.answered = try summary.integer(row, "answered", line: line)
            s.blocked = try summary.integer(row, "blocked", line: line)
            s.failedOver = try summary.integer(row, "failed_over", line: line)
            s.attempts = try summary.integer(row, "attempts", line: line)
            s.sentToDead = try summary.integer(row, "sent_to_dead", line: line)
            s.setupP50Ms = try summary.number(row, "setup_p50_ms", line: line)
            s.setupP95Ms = try summary.number(row, "setup_p95_ms", line: line)
            s.setupP99Ms = try summary.number(row, "setup_p99_ms", line: line)
            s.detectSeconds = try summary.optionalNumber(row, "detect_s", line: line)
            s.recoverSeconds = try summary.optionalNumber(row, "recover_s", line: line)
            s.peakToMean = try summary.number(row, "peak_to_mean", line: line)
            s.shareError = try summary.number(row, "share_error", line: line)
            s.jain = try summary.number(row, "jain", line: line)
            let algorithm = summary.text(row, "algorithm")
            indexByKey["\(number)/\(algorithm)"] = replications.count
            replications.append(ReplicationReport(algorithm: algorithm, replication: number, summary: s, destinations: []))
        }
        func index(_ t: ReportCSVReader.Table, _ row: [String], line: Int) throws -> Int {
            let number = try t.integer(row, "replication", line: line)
            let algorithm = t.text(row, "algorithm")
            guard let index = indexByKey["\(number)/\(algorithm)"] else {
                throw ReportFileError(path: t.file, reason: "line \(line + 2): \(algorithm) replication \(number) is not in \(SummaryCSV.fileName)")
            }
            return index
        }

        var destinations: [String] = []
        var seen: Set<String> = []
        let destinationsTable = try table(DestinationsCSV.fileName, DestinationsCSV.header)
        for (line, row) in destinationsTable.rows.enumerated() {
            let t = destinationsTable
            var d = DestinationMetrics(name: t.text(row, "destination"))
            d.attempts = try t.integer(row, "attempts", line: line)
            d.answered = try t.integer(row, "answered", line: line)
            d.rejected = try t.integer(row, "rejected", line: line)
            d.timeouts = try t.integer(row, "timeouts", line: line)
            d.share = try t.number(row, "share", line: line)
            d.targetShare = try t.number(row, "target_share", line: line)
            d.meanActive = try t.number(row, "mean_active", line: line)
            d.peakActive = try t.integer(row, "peak_active", line: line)
            d.utilisation = try t.number(row, "utilisation", line: line)
            d.inactiveSeconds = try t.number(row, "inactive_s", line: line)
            replications[try index(t, row, line: line)].destinations.append(d)
            if seen.insert(d.name).inserted { destinations.append(d.name) }
        }

        let timeseries = try table(TimeseriesCSV.fileName, TimeseriesCSV.header)
        for (line, row) in timeseries.rows.enumerated() {
            let t = timeseries
            let point = TimeseriesPoint(
                time: try t.number(row, "t_s", line: line), destination: t.text(row, "destination"),
                active: try t.integer(row, "active", line: line), attempts: try t.integer(row, "attempts", line: line),
                state: t.text(row, "state")
            )
            replications[try index(t, row, line: line)].timeseries.append(point)
        }

        let events = try table(EventsCSV.fileName, EventsCSV.header)
        for (line, row) in events.rows.enumerated() {
            let t = events
            let event = StateEvent(
                time: try t.number(row, "t_s", line: line), destination: t.text(row, "destination"),
                from: t.text(row, "from"), to: t.text(row, "to"), cause: t.text(row, "cause")
            )
            replications[try index(t, row, line: line)].events.append(event)
        }
        return RunReport(scenario: scenario, seed: seed, destinations: destinations, replications: replications)
    }
}
