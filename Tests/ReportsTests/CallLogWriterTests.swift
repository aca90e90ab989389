import Foundation
import Testing
import Reports

@Suite("Per-call log")
struct CallLogWriterTests {
    @Test("Header and rows reach the file on close, with empty fields for missing values")
    func rows() throws {
        let path = ReportFixtures.temporaryDirectory() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try CallLogWriter(path: path)
        try log.append(algorithm: "round-robin", replication: 1, callIndex: 0, arrival: 0.25, destination: "gw, b",
                       attempts: 1, outcome: "answered", setupMs: 21.5, holding: 90)
        try log.append(algorithm: "round-robin", replication: 1, callIndex: 1, arrival: 1.0 / 3, destination: "",
                       attempts: 0, outcome: "blocked", setupMs: nil, holding: nil)
        // Small output stays buffered until close.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
        try log.close()
        try log.close()
        #expect(log.rowCount == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            algorithm,replication,call,arrival_s,destination,attempts,outcome,setup_ms,holding_s
            round-robin,1,0,0.25,"gw, b",1,answered,21.5,90
            round-robin,1,1,0.333333,,0,blocked,,

            """)
    }

    @Test("A long log is written out in chunks before close, and complete after")
    func flushesInChunks() throws {
        let path = ReportFixtures.temporaryDirectory() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try CallLogWriter(path: path)
        let count = 5_000
        for i in 0..<count {
            try log.append(algorithm: "least-connections", replication: 2, callIndex: i, arrival: Double(i) * 0.01,
                           destination: "sip:gw\(i % 4).example.com:5060", attempts: 1, outcome: "answered",
                           setupMs: 20, holding: 120)
        }
        let partial = try Data(contentsOf: URL(fileURLWithPath: path)).count
        #expect(partial >= 64 * 1024)
        try log.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.utf8.count > partial)
        #expect(text.split(separator: "\n").count == 1 + count)
        #expect(text.hasSuffix("least-connections,2,4999,49.99,sip:gw3.example.com:5060,1,answered,20,120\n"))
    }

    @Test("Appending after close is refused")
    func appendAfterClose() throws {
        let path = ReportFixtures.temporaryDirectory() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try CallLogWriter(path: path)
        try log.close()
        #expect(throws: ReportFileError.self) {
            try log.append(algorithm: "a", replication: 1, callIndex: 0, arrival: 0, destination: "", attempts: 0,
                           outcome: "blocked", setupMs: nil, holding: nil)
        }
    }

    @Test("A file in a missing directory is refused with its path")
    func missingDirectory() {
        let path = ReportFixtures.temporaryDirectory() + "/no/such/calls.csv"
        #expect(throws: ReportFileError.self) { _ = try CallLogWriter(path: path) }
    }
}
