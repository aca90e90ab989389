import ArgumentParser
import Foundation
import Workloads

/// `dispatchlab check`: reads a scenario file and prints it back with every
/// default filled in, so a user can see exactly what a run would simulate before
/// spending the time on it, and CI can refuse a broken scenario.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a scenario file and print it with every default filled in.",
        discussion: """
            Errors are printed as file:line:column: error: what was expected, and the \
            command exits with status 1. Files the scenario names (destinations_file, \
            traces, empirical values) are found relative to the scenario's directory.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    func run() throws {
        do {
            print(try loadScenario(self.file).expandedYAML(), terminator: "")
        } catch let error as CommandError {
            try Self.fail(error.description)
        }
    }

    /// Prints `message` to stderr as is and exits with status 1. Unlike throwing a
    /// `CommandError`, this keeps ArgumentParser's `Error: ` prefix off the line, so
    /// it starts with `file:line:column:` and editors and CI annotators can jump to it.
    private static func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        throw ExitCode(1)
    }
}
