import ArgumentParser
import Dispatcher

/// `dispatchlab list`: what `dispatcher.list` prints, from a file.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the sets in index order with state, priority and attributes."
    )

    @Option(help: "The destination list: a Kamailio dispatcher.list or a dispatcher { } block.")
    var list: String

    func run() throws {
        var rng = SplitMix64(seed: 1)
        let destinations = try loadDestinationList(self.list)
        let core: Dispatcher
        do {
            core = try Dispatcher(list: destinations, using: &rng)
        } catch {
            throw CommandError(error.description)
        }
        for setID in core.setIDs {
            let mode = destinations.modes[setID].map { " mode=\($0.name)" } ?? ""
            print("SET \(setID)\(mode)")
            for (index, d) in core.members(ofSet: setID).enumerated() {
                let s = core.status(of: d)
                let attrs = s.attributes.body.isEmpty ? "" : " attrs=\(s.attributes.body)"
                print("  \(index) \(s.uri) flags=\(s.flags) priority=\(s.priority)\(attrs)")
            }
        }
    }
}
