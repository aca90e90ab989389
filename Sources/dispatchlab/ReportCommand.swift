import ArgumentParser
import Dispatcher
import Foundation
import Reports
import Workloads

/// `dispatchlab report DIR`: rebuilds `report.html` from a run folder's CSV
/// files and `scenario.yaml`, so runs made before the HTML report existed (or
/// copied from elsewhere without it) can still be viewed.
///
/// Here, unlike in `run`, reading the CSV text back is the point: the folder is
/// all there is. The scenario file supplies what the CSVs do not carry (seed,
/// duration, warm-up, fault windows).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html from a run folder's CSV files and scenario.yaml."
    )

    @Argument(help: "The run folder (with summary.csv, destinations.csv, timeseries.csv, events.csv, scenario.yaml).")
    var directory: String

    func run() throws {
        let scenarioPath = URL(fileURLWithPath: self.directory).appendingPathComponent("scenario.yaml").path
        let scenario = try loadScenario(scenarioPath)
        let report: RunReport
        do {
            report = try RunReport.read(fromDirectory: self.directory, seed: scenario.seed)
        } catch let error as ReportFileError {
            throw CommandError(error.description)
        }
        let context = ReportContext(scenario: scenario, commandLine: "dispatchlab run \(scenarioPath)")
        try report.writeHTML(to: self.directory, context: context)
        print("report written to \(URL(fileURLWithPath: self.directory).appendingPathComponent(RunReport.htmlFileName).path)")
    }
}

extension ReportContext {
    /// The context of a run of `scenario`: its settings, and its faults with
    /// each target's report name, so the HTML report needs nothing from Workloads.
    init(scenario: Scenario, commandLine: String) {
        let names = scenario.destinations.map(\.name)
        self.init(
            scenario: scenario.name, seed: scenario.seed, replications: scenario.replications,
            durationSeconds: scenario.duration.seconds, warmupSeconds: scenario.warmup.seconds,
            commandLine: commandLine,
            faults: scenario.faults.map { fault in
                FaultWindow(
                    destination: names.indices.contains(fault.target) ? names[fault.target] : "#\(fault.target)",
                    kind: fault.kind.name, start: fault.start.seconds, end: fault.end.seconds
                )
            }
        )
    }

    /// The command line as typed, each argument quoted for a POSIX shell when it
    /// needs it, so it can be pasted back.
    static func shellCommand(_ arguments: [String]) -> String {
        arguments.enumerated().map { index, argument in
            let word = index == 0 ? "dispatchlab" : argument
            let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,@+%".contains($0) }
            return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
