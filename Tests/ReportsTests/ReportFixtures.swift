import Foundation
import Reports

/// Hand-built reports and file helpers shared by the report-writer tests.
enum ReportFixtures {
    static let rr = "round-robin"
    static let weighted = "weighted"
    /// A destination name that CSV must quote.
    static let commaName = "gw, b"

    /// 2 algorithms × 3 replications × 2 destinations, in interleaved run order
    /// (replication-major, as a common-random-numbers driver runs them) and with
    /// round-robin's replications out of order, so grouping and sorting show.
    static func sample() -> RunReport {
        var report = RunReport(scenario: "two-gateways", seed: 42, destinations: ["gw-a", commaName])
        let rrOffered = [100, 110, 120]
        let rrDetect: [Double?] = [1.5, nil, 2.5]
        let wOffered = [90, 95, 97]
        var all: [ReplicationReport] = []
        for r in 1...3 {
            var s = SummaryMetrics()
            s.offered = rrOffered[r - 1]
            s.blocked = r + 1
            s.answered = s.offered - s.blocked
            s.failedOver = 3 * r
            s.attempts = s.offered + 3 * r
            s.sentToDead = r
            s.setupP50Ms = 20 + Double(r)
            s.setupP95Ms = 40 + Double(r)
            s.setupP99Ms = 80 + Double(r)
            s.detectSeconds = rrDetect[r - 1]
            s.recoverSeconds = nil
            s.peakToMean = 1.1 + 0.1 * Double(r)
            s.shareError = 0.01 * Double(r)
            s.jain = 0.99 - 0.01 * Double(r)
            all.append(replication(rr, r, s))

            var w = SummaryMetrics()
            w.offered = wOffered[r - 1]
            w.blocked = 0
            w.answered = w.offered
            w.failedOver = r
            w.attempts = w.offered + r
            w.sentToDead = 0
            w.setupP50Ms = 19.5
            w.setupP95Ms = 39.25
            w.setupP99Ms = 70
            w.detectSeconds = 2 + Double(r)
            w.recoverSeconds = 5 * Double(r)
            w.peakToMean = 1.05
            w.shareError = 0.002
            w.jain = 1
            all.append(replication(weighted, r, w))
        }
        // Run order: rr 2, w 1, rr 1, w 2, rr 3, w 3.
        report.replications = [all[2], all[1], all[0], all[3], all[4], all[5]]
        return report
    }

    static func replication(_ algorithm: String, _ number: Int, _ summary: SummaryMetrics) -> ReplicationReport {
        var a = DestinationMetrics(name: "gw-a")
        a.attempts = summary.attempts / 2 + 1
        a.answered = summary.answered / 2
        a.rejected = 1
        a.timeouts = number
        a.share = 0.5
        a.targetShare = 0.5
        a.meanActive = 10.25
        a.peakActive = 20
        a.utilisation = 0.5125
        a.inactiveSeconds = 12.5
        var b = DestinationMetrics(name: commaName)
        b.attempts = summary.attempts - a.attempts
        b.answered = summary.answered - a.answered
        b.share = 0.5
        b.targetShare = 0.5
        b.meanActive = 9.75
        b.peakActive = 19
        b.utilisation = 0.4875
        let timeseries = [
            TimeseriesPoint(time: 10, destination: "gw-a", active: 9, attempts: 12, state: "AP"),
            TimeseriesPoint(time: 10, destination: commaName, active: 8, attempts: 11, state: "AP"),
            TimeseriesPoint(time: 20, destination: "gw-a", active: 0, attempts: 1, state: "IP"),
            TimeseriesPoint(time: 20, destination: commaName, active: 17, attempts: 22, state: "AP"),
        ]
        let events = [
            StateEvent(time: 12.345, destination: "gw-a", from: "AP", to: "TP", cause: "probe-timeout"),
            StateEvent(time: 14.5, destination: "gw-a", from: "TP", to: "IP", cause: "probe-timeout"),
        ]
        return ReplicationReport(
            algorithm: algorithm, replication: number, summary: summary, destinations: [a, b],
            timeseries: timeseries, events: events
        )
    }

    /// A fresh, empty temporary directory.
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)").path
    }

    static func read(_ directory: String, _ file: String) throws -> String {
        try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
    }
}

/// A minimal RFC 4180 reader for checking what the writers produce: quoted
/// fields, doubled quotes, LF records. Independent of the code under test.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" {
                    field.append("\"")
                    chars.removeFirst()
                } else {
                    inQuotes = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            record.append(field)
            field = ""
        } else if c == "\n" {
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}
