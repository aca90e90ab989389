import ArgumentParser

/// The `dispatchlab` command: one tool for the simulator, the dispatcher core's
/// dry runs and (later) live mode.
@main
struct DispatchLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatchlab",
        abstract: "A testbed for SIP dispatch policies, modelled on Kamailio's dispatcher module.",
        subcommands: [
            RunCommand.self, CheckCommand.self, LiveCommand.self, HashCommand.self, SelectCommand.self, ListCommand.self, ReportCommand.self,
        ]
    )
}
