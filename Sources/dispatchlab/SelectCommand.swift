import ArgumentParser
import Dispatcher

/// `dispatchlab select`: a dry run of `ds_select_dst(set, alg, limit)` on a list file.
struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Print the destinations a selection would try, in failover order.",
        discussion: """
            The first line is the selected destination, the following lines the failover \
            order Kamailio would store in _dsdst_. With --count, run that many selections \
            on one dispatcher (round-robin and weight cursors advance) and print the first \
            choice of each.
            """
    )

    @Option(help: "The destination list: a Kamailio dispatcher.list or a dispatcher { } block.")
    var list: String

    @Option(help: "The set id.")
    var set: Int

    @Option(help: "The algorithm: a name (\(Algorithm.allCases.map(\.name).joined(separator: ", "))) or a Kamailio number.")
    var alg: Algorithm

    @Option(help: "The most candidates to print, counting the selected one (0: no limit).")
    var limit: Int = 0

    @Option(name: .customLong("call-id"), help: "The Call-ID (algorithm 0, rendezvous).")
    var callID: String = ""

    @Option(help: "The From URI (algorithm 1).")
    var from: String = ""

    @Option(help: "The To URI (algorithm 2).")
    var to: String = ""

    @Option(help: "The Request-URI (algorithm 3).")
    var ruri: String = ""

    @Option(name: .customLong("auth-user"), help: "The digest username (algorithm 5).")
    var authUser: String = ""

    @Option(help: "The caller-given hash key (algorithm 7).")
    var key: String = ""

    @Flag(name: .customLong("use-default"), help: "Kamailio's use_default: the last entry is the fallback only.")
    var useDefault = false

    @Option(help: "Run this many selections in a row and print the first choice of each.")
    var count: Int?

    @Option(help: "Seed for the random choices (algorithm 6, table shuffles).")
    var seed: UInt64 = 1

    func validate() throws {
        guard self.limit >= 0 else { throw ValidationError("--limit must be 0 or more.") }
        if let count { guard count > 0 else { throw ValidationError("--count must be at least 1.") } }
    }

    func run() throws {
        var rng = SplitMix64(seed: self.seed)
        var config = DispatcherConfiguration()
        config.useDefault = self.useDefault
        let destinations = try loadDestinationList(self.list)
        var core: Dispatcher
        do {
            core = try Dispatcher(list: destinations, configuration: config, using: &rng)
        } catch {
            throw CommandError(error.description)
        }
        guard core.setIDs.contains(self.set) else {
            throw CommandError("\(self.list): no set \(self.set); sets are \(core.setIDs.map(String.init).joined(separator: ", ")).")
        }
        let request = RouteRequest(
            setID: self.set, algorithm: self.alg, callID: self.callID, fromURI: self.from, toURI: self.to,
            requestURI: self.ruri, authUser: self.authUser, hashKey: self.key, limit: self.limit)
        for _ in 0..<(self.count ?? 1) {
            guard let selection = core.select(request, now: .zero, using: &rng) else {
                throw ExitCode(1)
            }
            if self.count != nil {
                print(core.uri(of: selection.primary))
            } else {
                for candidate in selection.candidates { print(core.uri(of: candidate)) }
            }
        }
    }
}
