import Dispatcher

/// What the admin endpoint may ask of a running proxy. The proxy's state lives
/// on its event loop; an implementation hops there for each call.
public protocol AdminBackend: Sendable {
    /// Every destination with its state, counters, load and latency.
    func destinations() async -> [DestinationSnapshot]
    /// `dispatcher.set_state`: `state` is Kamailio's letters (`a`, `i`, `ip`, `d`, …);
    /// `id` is a duid or URI. Throws with a message for the client when refused.
    func setState(setID: Int, id: String, state: String) async throws
    /// Reloads the configuration from its source; a bad file is refused and the old one stays.
    func reload() async throws
    /// Brings the metrics up to date before `GET /metrics` reads them, so a scrape
    /// sees the counts as they are now, not as of the last one-second sample.
    func refreshMetrics() async
}

/// A destination as `GET /destinations` shows it (JSON).
public struct DestinationSnapshot: Codable, Sendable, Hashable {
    public var setID: Int
    public var id: String
    public var uri: String
    /// Kamailio's two letters: `AP`, `IX`, …
    public var state: String
    public var priority: Int
    public var attributes: String
    public var activeCalls: Int
    public var selected: Int
    public var attempts: Int
    public var failedOverFrom: Int
    public var answered: Int
    public var rejected: Int
    public var timedOut: Int
    /// Latency estimate and mean in ms, from probes and answered calls.
    public var latencyEstimateMs: Double
    public var latencyAverageMs: Double

    public init(_ s: DestinationStatus) {
        self.setID = s.setID
        self.id = s.key.id
        self.uri = s.uri
        self.state = s.flags.description
        self.priority = s.priority
        self.attributes = s.attributes.body
        self.activeCalls = s.activeCalls
        self.selected = s.counters.selected
        self.attempts = s.counters.attempts
        self.failedOverFrom = s.counters.failedOverFrom
        self.answered = s.counters.answered
        self.rejected = s.counters.rejected
        self.timedOut = s.counters.timedOut
        self.latencyEstimateMs = s.latency.estimate
        self.latencyAverageMs = s.latency.average
    }
}
