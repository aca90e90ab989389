import ArgumentParser

/// The `dispatchlab` command: one tool for the dispatcher core's dry runs, the
/// simulator and live mode.
@main
struct DispatchLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatchlab",
        abstract: "A testbed for SIP dispatch policies, modelled on Kamailio's dispatcher module.",
        subcommands: [HashCommand.self, SelectCommand.self, ListCommand.self, CheckCommand.self]
    )
}
