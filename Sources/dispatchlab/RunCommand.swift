import ArgumentParser
import Dispatcher
import Foundation
import Reports
import Simulator
import Synchronization
import Workloads

/// `dispatchlab run`: the main job. Simulates a scenario for every algorithm it
/// names and writes the comparison reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write CSV reports comparing its algorithms.",
        discussion: """
            Every algorithm sees the same calls and the same faults in each replication. \
            Reports go to --out (default reports/<scenario name>/): summary.csv, \
            destinations.csv, timeseries.csv, events.csv and scenario.yaml, the expanded \
            input that reproduces the run. Flags override the file.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "The folder for the reports (default: reports/<scenario name>).")
    var out: String?

    @Option(help: "The seed, instead of the file's.")
    var seed: UInt64?

    @Option(help: "Replications per algorithm, instead of the file's.")
    var replications: Int?

    @Option(help: "Comma-separated algorithms, instead of the file's.")
    var algorithms: String?

    @Option(help: "Simulations run in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("calls-csv"), help: "Also write calls.csv, one row per call after the warm-up.")
    var callsCSV = false

    func validate() throws {
        if let replications { guard replications >= 1 else { throw ValidationError("--replications must be at least 1.") } }
        guard self.jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() async throws {
        var scenario = try loadScenario(self.file)
        if let seed { scenario.seed = seed }
        if let replications { scenario.replications = replications }
        if let algorithms {
            scenario.algorithms = try algorithms.split(separator: ",").map { name in
                guard let a = Algorithm(String(name)) else {
                    throw ValidationError("unknown algorithm '\(name)'; expected one of \(Algorithm.acceptedNames)")
                }
                return a
            }
        }
        let directory = self.out ?? "reports/\(scenario.name)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let experiment = Experiment(scenario: scenario, jobs: self.jobs)
        let bar = ProgressLine(label: scenario.name)
        let report = try await experiment.runAll(callsCSV: self.callsCSV ? "\(directory)/calls.csv" : nil) { done, total in
            bar.update(done, total)
        }
        bar.finish()
        try report.write(to: directory)
        try report.writeHTML(to: directory, context: ReportContext(scenario: scenario, commandLine: ReportContext.shellCommand(CommandLine.arguments)))
        try scenario.expandedYAML().write(toFile: "\(directory)/scenario.yaml", atomically: true, encoding: .utf8)
        print(report.comparisonTable(), terminator: "")
        print("reports written to \(directory)/")
    }
}

/// Reads and checks a scenario file; a bad file becomes one clear message.
func loadScenario(_ path: String) throws -> Scenario {
    let text = try readInputFile(path)
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
    do {
        return try Scenario.parse(yaml: text, file: path, baseDirectory: base)
    } catch {
        throw CommandError(error.description)
    }
}

/// The progress bar, shared with the job callbacks.
final class ProgressLine: Sendable {
    private let bar = Mutex(ProgressBar())
    private let label: String

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        let fraction = Double(done) / Double(Swift.max(1, total))
        let text = "\(self.label) \(done)/\(total)"
        self.bar.withLock { $0.update(fraction: fraction, label: text) }
    }

    func finish() { self.bar.withLock { $0.finish() } }
}
