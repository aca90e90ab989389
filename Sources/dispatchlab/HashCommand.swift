import ArgumentParser
import Dispatcher

/// `dispatchlab hash`: Kamailio's `dispatcher.hash`, to predict where a key lands.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print Kamailio's dispatcher hash of one or two values, and its slot."
    )

    @Argument(help: "The value to hash (a Call-ID, or a URI's user part).")
    var key: String

    @Argument(help: "A second value hashed after the first (a URI's host[:port]).")
    var key2: String?

    @Option(help: "The number of slots (destinations) the hash is taken modulo.")
    var slots: Int = 1

    func validate() throws {
        guard self.slots > 0 else { throw ValidationError("--slots must be at least 1.") }
    }

    func run() {
        let h = KamailioHash.hash(self.key, self.key2)
        print("hashid: \(h)")
        print("slot: \(Int(h) % self.slots)")
    }
}
