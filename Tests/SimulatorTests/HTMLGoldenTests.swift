import Dispatcher
import Foundation
import Reports
import Testing
import Workloads
@testable import Simulator

/// report.html of a small shipped scenario, simulated end to end, against a
/// golden file. `DISPATCHLAB_RECORD=1 swift test --filter HTMLGolden` re-records it
/// after an intended change; review the diff before committing it.
@Suite("report.html golden file")
struct HTMLGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    @Test("the quickstart scenario's report.html is unchanged")
    func quickstart() async throws {
        let scenarios = Self.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")
        let path = scenarios.appendingPathComponent("quickstart.yaml").path
        let scenario = try Scenario.parse(yaml: String(contentsOfFile: path, encoding: .utf8), file: path, baseDirectory: scenarios.path)
        let report = try await Experiment(scenario: scenario, jobs: 2).runAll()
        let context = ReportContext(
            scenario: scenario.name, seed: scenario.seed, replications: scenario.replications,
            durationSeconds: scenario.duration.seconds, warmupSeconds: scenario.warmup.seconds,
            commandLine: "dispatchlab run scenarios/quickstart.yaml",
            faults: scenario.faults.map { f in
                FaultWindow(destination: scenario.destinations[f.target].name, kind: f.kind.name, start: f.start.seconds, end: f.end.seconds)
            })
        let html = report.html(context: context)
        let golden = Self.root.appendingPathComponent("Golden/quickstart-report.html")
        if ProcessInfo.processInfo.environment["DISPATCHLAB_RECORD"] == "1" {
            try html.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == expected, "report.html differs from Golden/quickstart-report.html")
        for name in scenario.algorithms.map(\.name) + scenario.destinations.map(\.name) {
            #expect(html.contains(name))
        }
    }
}
