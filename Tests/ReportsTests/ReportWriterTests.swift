import Foundation
import Testing
import Reports

@Suite("Report files")
struct ReportWriterTests {
    /// Student's t quantiles in closed form, so the expected half-widths do not
    /// come from the GSL call under test: for 1 degree of freedom the t
    /// distribution is Cauchy, `t = tan(π(p − ½))`; for 2 it is
    /// `t = q·√(2 / (1 − q²))` with `q = 2p − 1`.
    static let t975dof1 = tan(Double.pi * (0.975 - 0.5))
    static let t975dof2 = 0.95 * (2 / (1 - 0.95 * 0.95)).squareRoot()

    /// Mean and 95% half-width by the textbook formulas.
    static func expected(_ values: [Double], t: Double) -> (mean: Double, halfWidth: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        return (mean, t * (variance / n).squareRoot())
    }

    /// Writes the sample report and returns the directory and parsed files.
    static func written(_ report: RunReport = ReportFixtures.sample()) throws -> (directory: String, files: [String: [[String]]]) {
        let directory = ReportFixtures.temporaryDirectory() + "/nested/out"
        try report.write(to: directory)
        var files: [String: [[String]]] = [:]
        for name in ["summary.csv", "destinations.csv", "timeseries.csv", "events.csv"] {
            files[name] = parseCSV(try ReportFixtures.read(directory, name))
        }
        return (directory, files)
    }

    /// The summary row for `algorithm` and `replication` as column → field.
    static func summaryRow(_ rows: [[String]], _ algorithm: String, _ replication: String) -> [String: String] {
        let header = rows[0]
        guard let row = rows.first(where: { $0[1] == algorithm && $0[2] == replication }) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(header, row))
    }

    @Test("Each file starts with exactly the documented header")
    func headers() throws {
        let (directory, _) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = [
            "summary.csv": "scenario,algorithm,replication,offered,answered,blocked,blocking,failed_over,attempts,sent_to_dead,setup_p50_ms,setup_p95_ms,setup_p99_ms,detect_s,recover_s,peak_to_mean,share_error,jain",
            "destinations.csv": "algorithm,replication,destination,attempts,answered,rejected,timeouts,share,target_share,mean_active,peak_active,utilisation,inactive_s",
            "timeseries.csv": "algorithm,replication,t_s,destination,active,attempts,state",
            "events.csv": "algorithm,replication,t_s,destination,from,to,cause",
        ]
        for (file, header) in expected {
            let text = try ReportFixtures.read(directory, file)
            #expect(text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) == header, "\(file)")
            #expect(text.hasSuffix("\n") && !text.contains("\r"), "\(file) ends in LF and has no CR")
        }
    }

    @Test("Row counts: replications plus mean and ci95 per algorithm; one row per destination, point and event")
    func rowCounts() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(files["summary.csv"]?.count == 1 + 2 * (3 + 2))
        #expect(files["destinations.csv"]?.count == 1 + 2 * 3 * 2)
        #expect(files["timeseries.csv"]?.count == 1 + 2 * 3 * 4)
        #expect(files["events.csv"]?.count == 1 + 2 * 3 * 2)
        for (name, rows) in files {
            #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(name): every row has every column")
        }
    }

    @Test("Rows go by algorithm in first-appearance order, then replication, then mean and ci95")
    func rowOrder() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try #require(files["summary.csv"])
        let keys = summary.dropFirst().map { "\($0[1])/\($0[2])" }
        #expect(keys == [
            "round-robin/1", "round-robin/2", "round-robin/3", "round-robin/mean", "round-robin/ci95",
            "weighted/1", "weighted/2", "weighted/3", "weighted/mean", "weighted/ci95",
        ])
        #expect(summary.dropFirst().allSatisfy { $0[0] == "two-gateways" })
        let destinations = try #require(files["destinations.csv"])
        #expect(destinations.dropFirst().prefix(4).map { "\($0[1]) \($0[2])" } == ["1 gw-a", "1 gw, b", "2 gw-a", "2 gw, b"])
    }

    @Test("The mean and ci95 rows match the textbook formulas (Student's t, n − 1 dof)")
    func meanAndConfidence() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try #require(files["summary.csv"])
        let mean = Self.summaryRow(summary, "round-robin", "mean")
        let ci = Self.summaryRow(summary, "round-robin", "ci95")

        // offered 100, 110, 120: mean 110, sd 10, half-width t(0.975, 2)·10/√3 ≈ 24.841.
        let offered = Self.expected([100, 110, 120], t: Self.t975dof2)
        #expect(offered.mean == 110)
        #expect(abs(offered.halfWidth - 24.8414) < 1e-4)
        #expect(Double(mean["offered"] ?? "") == 110)
        #expect(abs((Double(ci["offered"] ?? "") ?? .nan) - offered.halfWidth) <= 5e-7)

        // blocking is the mean of each replication's ratio, not the ratio of sums.
        let blocking = Self.expected([2.0 / 100, 3.0 / 110, 4.0 / 120], t: Self.t975dof2)
        #expect(abs((Double(mean["blocking"] ?? "") ?? .nan) - blocking.mean) <= 5e-7)
        #expect(abs((Double(ci["blocking"] ?? "") ?? .nan) - blocking.halfWidth) <= 5e-7)

        let jain = Self.expected([0.98, 0.97, 0.96], t: Self.t975dof2)
        #expect(abs((Double(mean["jain"] ?? "") ?? .nan) - jain.mean) <= 5e-7)
        #expect(abs((Double(ci["jain"] ?? "") ?? .nan) - jain.halfWidth) <= 5e-7)

        // Counts stay integers in replication rows.
        #expect(Self.summaryRow(summary, "round-robin", "2")["offered"] == "110")
        // Identical values: the half-width is exactly zero, not empty.
        #expect(Self.summaryRow(summary, "weighted", "ci95")["jain"] == "0")
    }

    @Test("A missing detect_s is an empty field and is left out of the mean and ci95")
    func missingDetection() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try #require(files["summary.csv"])
        #expect(Self.summaryRow(summary, "round-robin", "2")["detect_s"] == "")
        #expect(Self.summaryRow(summary, "round-robin", "1")["detect_s"] == "1.5")
        // Over the two replications that detected: 1.5 and 2.5, with 1 dof.
        let detect = Self.expected([1.5, 2.5], t: Self.t975dof1)
        #expect(Self.summaryRow(summary, "round-robin", "mean")["detect_s"] == "2")
        let ci = try #require(Double(Self.summaryRow(summary, "round-robin", "ci95")["detect_s"] ?? ""))
        #expect(abs(ci - detect.halfWidth) <= 5e-7)
        // No replication recovered: mean and ci95 are empty too.
        for replication in ["1", "2", "3", "mean", "ci95"] {
            #expect(Self.summaryRow(summary, "round-robin", replication)["recover_s"] == "")
        }
        #expect(Self.summaryRow(summary, "weighted", "mean")["recover_s"] == "10")
    }

    @Test("With one replication the ci95 row is there but its figures are empty")
    func singleReplication() throws {
        var report = ReportFixtures.sample()
        report.replications = report.replications.filter { $0.replication == 1 }
        let csv = try SummaryCSV.document(for: report)
        let rows = parseCSV(csv.text)
        #expect(rows.count == 1 + 2 * 3)
        let ci = Self.summaryRow(rows, "weighted", "ci95")
        #expect(ci["scenario"] == "two-gateways")
        #expect(SummaryCSV.header.dropFirst(3).allSatisfy { ci[$0] == "" })
        #expect(Self.summaryRow(rows, "weighted", "mean")["offered"] == "90")
    }

    @Test("A destination name with a comma is quoted and reads back intact")
    func quoting() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try ReportFixtures.read(directory, "destinations.csv")
        #expect(text.contains("\nround-robin,1,\"gw, b\","))
        #expect(files["destinations.csv"]?[2][2] == "gw, b")
        #expect(files["timeseries.csv"]?.dropFirst().filter { $0[3] == "gw, b" }.count == 2 * 3 * 2)
    }

    @Test("Destination, time-series and event rows carry the model's values")
    func otherFiles() throws {
        let (directory, files) = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(files["destinations.csv"]?[1] == ["round-robin", "1", "gw-a", "52", "49", "1", "1", "0.5", "0.5", "10.25", "20", "0.5125", "12.5"])
        #expect(files["timeseries.csv"]?[3] == ["round-robin", "1", "20", "gw-a", "0", "1", "IP"])
        #expect(files["events.csv"]?[1] == ["round-robin", "1", "12.345", "gw-a", "AP", "TP", "probe-timeout"])
    }

    @Test("Time-series points and events are written in time order, ties in recorded order")
    func timeOrder() throws {
        var report = RunReport(scenario: "s", seed: 1, destinations: ["a", "b"])
        var replication = ReportFixtures.replication("random", 1, SummaryMetrics())
        replication.timeseries = [
            TimeseriesPoint(time: 20, destination: "b", active: 2, attempts: 0, state: "AP"),
            TimeseriesPoint(time: 10, destination: "b", active: 1, attempts: 0, state: "AP"),
            TimeseriesPoint(time: 20, destination: "a", active: 3, attempts: 0, state: "AP"),
            TimeseriesPoint(time: 10, destination: "a", active: 4, attempts: 0, state: "AP"),
        ]
        replication.events = [
            StateEvent(time: 5, destination: "a", from: "TP", to: "IP", cause: "probe-timeout"),
            StateEvent(time: 5, destination: "a", from: "IP", to: "AP", cause: "admin"),
            StateEvent(time: 1, destination: "a", from: "AP", to: "TP", cause: "probe-timeout"),
        ]
        report.replications = [replication]
        let series = parseCSV(try TimeseriesCSV.document(for: report).text).dropFirst().map { "\($0[2]) \($0[3])" }
        #expect(series == ["10 b", "10 a", "20 b", "20 a"])
        let events = parseCSV(try EventsCSV.document(for: report).text).dropFirst().map { "\($0[2]) \($0[5])" }
        #expect(events == ["1 TP", "5 IP", "5 AP"])
    }

    @Test("Writing the same report twice gives byte-identical files, equal to the in-memory documents")
    func byteIdentical() throws {
        let report = ReportFixtures.sample()
        let first = ReportFixtures.temporaryDirectory()
        let second = ReportFixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        try report.write(to: first)
        try report.write(to: second)
        try report.write(to: second)  // over existing files
        for table in RunReport.tables {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + table.fileName))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + table.fileName))
            #expect(a == b, "\(table.fileName)")
            #expect(a == Data(try table.document(for: report).text.utf8), "\(table.fileName)")
        }
    }

    @Test("A report with no replications writes header-only files")
    func empty() throws {
        let directory = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunReport(scenario: "s", seed: 0, destinations: []).write(to: directory)
        #expect(try ReportFixtures.read(directory, "events.csv") == "algorithm,replication,t_s,destination,from,to,cause\n")
    }

    @Test("A directory that cannot be created is reported with its path")
    func unwritable() throws {
        let file = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ReportFileError.self) { try ReportFixtures.sample().write(to: file + "/sub") }
    }

    /// A tiny report whose whole summary.csv is compared against a committed
    /// golden file: one algorithm with two replications, one with a single
    /// replication (empty ci95 figures), a missing detection, a NaN percentile.
    static func tiny() -> RunReport {
        var report = RunReport(scenario: "tiny", seed: 7, destinations: ["gw"])
        var a = SummaryMetrics()
        a.offered = 10
        a.answered = 9
        a.blocked = 1
        a.failedOver = 2
        a.attempts = 12
        a.sentToDead = 1
        a.setupP50Ms = 20
        a.setupP95Ms = 45.5
        a.setupP99Ms = 60.125
        a.detectSeconds = 3
        a.recoverSeconds = 4.5
        a.peakToMean = 1
        a.shareError = 0
        a.jain = 1
        var b = a
        b.offered = 12
        b.answered = 12
        b.blocked = 0
        b.detectSeconds = nil
        b.setupP99Ms = 61
        var c = SummaryMetrics()
        c.offered = 11
        c.answered = 0
        c.blocked = 11
        c.attempts = 11
        c.setupP50Ms = .nan
        c.setupP95Ms = .nan
        c.setupP99Ms = .nan
        report.replications = [
            ReplicationReport(algorithm: "hash-callid", replication: 1, summary: a, destinations: []),
            ReplicationReport(algorithm: "serial", replication: 1, summary: c, destinations: []),
            ReplicationReport(algorithm: "hash-callid", replication: 2, summary: b, destinations: []),
        ]
        return report
    }

    @Test("summary.csv of a tiny report matches the golden file (DISPATCHLAB_RECORD=1 rewrites it)")
    func golden() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/summary.csv")
        let actual = try SummaryCSV.document(for: Self.tiny()).text
        if ProcessInfo.processInfo.environment["DISPATCHLAB_RECORD"] == "1" {
            try Data(actual.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }
}
