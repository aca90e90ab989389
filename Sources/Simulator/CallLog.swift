/// One finished call, for the optional per-call CSV.
public struct CallRow: Sendable {
    public var algorithm: String
    public var replication: Int
    public var call: Int
    public var arrival: Double
    /// The destination that answered; nil for a blocked call.
    public var destination: String?
    public var attempts: Int
    /// Arrival to answer in ms; nil when not answered.
    public var setupMilliseconds: Double?
    public var holding: Double?
}

/// Hands finished calls (after the warm-up) to a sink as they finish, so a
/// per-call file can be written without holding calls in memory.
final class CallLog {
    let algorithm: String
    let replication: Int
    private let sink: (CallRow) -> Void
    private var count = 0

    init(algorithm: String, replication: Int, sink: @escaping (CallRow) -> Void) {
        self.algorithm = algorithm
        self.replication = replication
        self.sink = sink
    }

    func record(arrival: Int64, destination: String?, attempts: Int, answeredAt: Int64?, holding: Int64?, counted: Bool) {
        guard counted else { return }
        self.count += 1
        self.sink(CallRow(
            algorithm: self.algorithm, replication: self.replication, call: self.count, arrival: Double(arrival) / 1e9,
            destination: destination, attempts: attempts,
            setupMilliseconds: answeredAt.map { Double($0 - arrival) / 1e6 }, holding: holding.map { Double($0) / 1e9 }))
    }
}
