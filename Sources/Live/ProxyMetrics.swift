import Dispatcher
import Metrics
import Prometheus
import Synchronization

/// The proxy's metrics, through swift-metrics types made by a `PrometheusMetricsFactory`
/// over `registry`. The factory is used as an instance, not bootstrapped into
/// `MetricsSystem`: bootstrapping is once per process, and tests need many
/// independent sets.
///
/// Metric objects are cached per label value, so an update on the hot path is a
/// dictionary lookup under a lock and an atomic add, not a registry lookup.
public final class ProxyMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    private let received: [MessageKind: CoreMetrics.Counter]
    private let malformedCount: CoreMetrics.Counter
    private let calls: [CallOutcome: CoreMetrics.Counter]
    private let probes: [ProbeResult: CoreMetrics.Counter]
    private let transactionsActive: CoreMetrics.Gauge
    private let forwardedByMethod = Mutex<[String: CoreMetrics.Counter]>([:])
    private let failoversFrom = Mutex<[String: CoreMetrics.Counter]>([:])
    private let stateOf = Mutex<[String: CoreMetrics.Gauge]>([:])
    private let activeCallsOf = Mutex<[String: CoreMetrics.Gauge]>([:])

    /// Series with a fixed label set are created up front so they show as 0 before the
    /// first event (a missing series breaks `rate()` and alerts).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let factory = PrometheusMetricsFactory(registry: registry)
        self.factory = factory
        self.received = Dictionary(uniqueKeysWithValues: MessageKind.allCases.map {
            ($0, CoreMetrics.Counter(label: Name.received, dimensions: [("kind", $0.rawValue)], factory: factory))
        })
        self.malformedCount = CoreMetrics.Counter(label: Name.malformed, factory: factory)
        self.calls = Dictionary(uniqueKeysWithValues: CallOutcome.allCases.map {
            ($0, CoreMetrics.Counter(label: Name.calls, dimensions: [("outcome", $0.rawValue)], factory: factory))
        })
        self.probes = Dictionary(uniqueKeysWithValues: ProbeResult.allCases.map {
            ($0, CoreMetrics.Counter(label: Name.probes, dimensions: [("result", $0.rawValue)], factory: factory))
        })
        self.transactionsActive = CoreMetrics.Gauge(label: Name.transactions, factory: factory)
    }

    /// `count` SIP messages were read from the socket and parsed.
    public func received(kind: MessageKind, count: Int = 1) {
        self.received[kind]?.increment(by: Int64(count))
    }

    /// `count` datagrams could not be parsed as SIP and were dropped.
    public func malformed(count: Int = 1) {
        self.malformedCount.increment(by: Int64(count))
    }

    /// A request was forwarded to a destination. Unknown methods count as `other`: the
    /// method comes off the wire, and one series per invented method would let any
    /// sender grow the registry without bound.
    public func forwarded(method: String, count: Int = 1) {
        let label = SIPMethodLabel.label(for: method)
        self.counter(in: self.forwardedByMethod, name: Name.forwarded, key: "method", value: label).increment(by: Int64(count))
    }

    /// `count` calls (INVITE transactions) ended with this outcome.
    public func call(outcome: CallOutcome, count: Int = 1) {
        self.calls[outcome]?.increment(by: Int64(count))
    }

    /// `count` requests failed over away from `destination` (its id or URI).
    public func failover(from destination: String, count: Int = 1) {
        self.counter(in: self.failoversFrom, name: Name.failovers, key: "from", value: destination).increment(by: Int64(count))
    }

    /// `count` keepalive probes finished with this result.
    public func probe(result: ProbeResult, count: Int = 1) {
        self.probes[result]?.increment(by: Int64(count))
    }

    /// The destination's base state: 0 A, 1 T, 2 I, 3 D (the probing bit is not shown).
    public func destinationState(_ destination: String, state: StateFlags) {
        self.gauge(in: self.stateOf, name: Name.state, value: destination).record(Self.stateValue(state))
    }

    /// Calls currently held by the destination (its load).
    public func activeCalls(_ destination: String, count: Int) {
        self.gauge(in: self.activeCallsOf, name: Name.activeCalls, value: destination).record(count)
    }

    /// SIP transactions currently in the proxy's table.
    public func transactions(count: Int) {
        self.transactionsActive.record(count)
    }

    /// The registry in Prometheus text format, as `GET /metrics` serves it; also for
    /// callers that do not import Prometheus (a final dump, tests).
    public func exposition() -> String {
        self.registry.emitToString()
    }

    /// Kamailio's state numbering for the gauge, with its letter precedence I > D > T > A.
    static func stateValue(_ state: StateFlags) -> Int {
        switch state.baseLetter {
        case "T": 1
        case "I": 2
        case "D": 3
        default: 0
        }
    }

    private func counter(
        in cache: borrowing Mutex<[String: CoreMetrics.Counter]>, name: String, key: String, value: String
    ) -> CoreMetrics.Counter {
        let factory = self.factory
        return cache.withLock { counters in
            if let existing = counters[value] { return existing }
            let made = CoreMetrics.Counter(label: name, dimensions: [(key, value)], factory: factory)
            counters[value] = made
            return made
        }
    }

    private func gauge(in cache: borrowing Mutex<[String: CoreMetrics.Gauge]>, name: String, value: String) -> CoreMetrics.Gauge {
        let factory = self.factory
        return cache.withLock { gauges in
            if let existing = gauges[value] { return existing }
            let made = CoreMetrics.Gauge(label: name, dimensions: [("destination", value)], factory: factory)
            gauges[value] = made
            return made
        }
    }
}
