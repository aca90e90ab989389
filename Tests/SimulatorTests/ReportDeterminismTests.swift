import Dispatcher
import Foundation
import Reports
import Testing
import Workloads
@testable import Simulator

/// The contract users rely on to compare runs: the same scenario and seed give
/// byte-identical CSV files, whatever the number of parallel jobs.
@Suite("Byte-identical reports")
struct ReportDeterminismTests {
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    func files(_ scenario: Scenario, jobs: Int) async throws -> [String: Data] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try await Experiment(scenario: scenario, jobs: jobs).runAll(callsCSV: dir.appendingPathComponent("calls.csv").path)
        try report.write(to: dir.path)
        var out: [String: Data] = [:]
        for name in ["summary.csv", "destinations.csv", "timeseries.csv", "events.csv", "calls.csv"] {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    @Test("the same seed gives the same bytes; another seed gives other bytes")
    func sameBytes() async throws {
        let path = Self.scenarios.appendingPathComponent("one-of-three-down.yaml").path
        var scenario = try Scenario.parse(yaml: String(contentsOfFile: path, encoding: .utf8), file: path,
                                          baseDirectory: Self.scenarios.path)
        scenario.duration = .seconds(2 * 3600)
        scenario.replications = 2
        let a = try await self.files(scenario, jobs: 2)
        let b = try await self.files(scenario, jobs: 1)
        #expect(a == b)
        #expect((a["events.csv"]?.count ?? 0) > 100, "the outage must show in events.csv")
        scenario.seed &+= 1
        let c = try await self.files(scenario, jobs: 2)
        #expect(a["summary.csv"] != c["summary.csv"])
        #expect(a["calls.csv"] != c["calls.csv"])
    }
}
