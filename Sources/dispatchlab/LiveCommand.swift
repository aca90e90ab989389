import ArgumentParser
import Dispatcher
import Foundation
import Live
import Logging
import Reports
import Workloads

/// `dispatchlab live`: the dispatcher core as a real SIP proxy on UDP.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run the dispatcher as a SIP proxy that balances and fails over real calls.",
        discussion: """
            Initial INVITEs go through the dispatcher (set and algorithm as in \
            ds_select_dst), with Record-Route, 100 Trying, retransmission absorption, \
            failover on timeout or a failover code (CANCEL where needed) and OPTIONS \
            probes. SIGHUP or POST /reload reloads the list; a bad list is refused and \
            the old one stays. SIGINT or SIGTERM writes the reports to --out and stops.
            """
    )

    @Option(help: "A Kamailio dispatcher.list or a dispatcher { } block file.")
    var list: String?

    @Option(help: "A scenario file whose destinations and dispatcher sections configure the proxy.")
    var config: String?

    @Option(help: "The set id to route over.")
    var set: Int = 1

    @Option(help: "The algorithm: a name or a Kamailio number.")
    var alg: Algorithm = .roundRobin

    @Option(help: "Where to listen: udp:HOST:PORT, and optionally tcp:HOST:PORT as well.")
    var listen: [String] = ["udp:127.0.0.1:5060"]

    @Option(help: "The admin and metrics HTTP endpoint, HOST:PORT.")
    var admin: String?

    @Flag(help: "Forward without transactions, like Kamailio's forward(): no failover.")
    var stateless = false

    @Option(help: "Write the reports (summary, destinations, timeseries, events CSV and report.html) here on exit.")
    var out: String?

    @Option(name: .customLong("report-interval"), help: "Also rewrite the --out reports this often while running (e.g. 10s, 1m).")
    var reportInterval: String?

    @Option(name: .customLong("probe-interval"), help: "ds_ping_interval (e.g. 1s, 500ms; 0 turns probing off).")
    var probeInterval: String?

    @Option(name: .customLong("probe-timeout"), help: "How long an OPTIONS probe may wait for its reply.")
    var probeTimeout: String?

    @Option(name: .customLong("probe-threshold"), help: "ds_probing_threshold: failures from A to I.")
    var probeThreshold: Int?

    @Option(name: .customLong("inactive-threshold"), help: "ds_inactive_threshold: successes from I back to A.")
    var inactiveThreshold: Int?

    @Option(name: .customLong("probing-mode"), help: "ds_probing_mode 0-3.")
    var probingMode: Int?

    @Option(name: .customLong("invite-timeout"), help: "How long an INVITE attempt may go without a final reply.")
    var inviteTimeout: String?

    @Option(name: .customLong("panic-threshold"), help: "Route over all enabled destinations when fewer than this fraction are up.")
    var panicThreshold: Double?

    @Option(name: .customLong("max-pending"), help: "Admission control: INVITEs awaiting an answer per destination before new calls get 503 (0: off).")
    var maxPending: Int?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning or error.")
    var logLevel: String = "info"

    func validate() throws {
        guard (self.list == nil) != (self.config == nil) else { throw ValidationError("Give exactly one of --list and --config.") }
        if let probingMode { guard (0...3).contains(probingMode) else { throw ValidationError("--probing-mode must be 0 to 3.") } }
        if let reportInterval {
            guard self.out != nil else { throw ValidationError("--report-interval needs --out, where the reports go.") }
            guard let interval = try? Self.duration(reportInterval, option: "--report-interval"), interval > .zero else {
                throw ValidationError("--report-interval: expected a duration above zero such as 10s or 500ms, found '\(reportInterval)'.")
            }
        }
    }

    func run() async throws {
        var logger = Logger(label: "dispatchlab.live")
        logger.logLevel = Logger.Level(rawValue: self.logLevel) ?? .info
        let (list, baseConfiguration) = try self.loadConfiguration()
        var dispatcherConfiguration = baseConfiguration
        try self.applyOverrides(to: &dispatcherConfiguration)
        let udp = self.listen.compactMap { Self.address($0, transport: .udp) }
        let tcp = self.listen.compactMap { Self.address($0, transport: .tcp) }
        guard udp.count == 1, tcp.count <= 1, udp.count + tcp.count == self.listen.count else {
            throw CommandError("--listen: expected one udp:HOST:PORT and at most one tcp:HOST:PORT, found \(self.listen.joined(separator: " "))")
        }
        let listen = udp[0]
        var rng = SplitMix64(seed: UInt64.random(in: .min ... .max))
        let dispatcher: Dispatcher
        do {
            dispatcher = try Dispatcher(list: list, configuration: dispatcherConfiguration, using: &rng)
        } catch {
            throw CommandError(error.description)
        }
        guard dispatcher.setIDs.contains(self.set) else { throw CommandError("no set \(self.set) in the destination list") }
        var proxyConfiguration = ProxyConfiguration(setID: self.set, algorithm: self.alg, advertised: listen, stateless: self.stateless)
        proxyConfiguration.advertisedTCP = tcp.first
        let source = (self.list, self.config)
        let proxy = try await LiveProxy.start(
            configuration: proxyConfiguration, dispatcher: dispatcher, listen: listen, tcpListen: tcp.first,
            loadList: { try LiveCommand.readList(list: source.0, config: source.1) }, logger: logger)
        let adminServer = try await self.startAdmin(proxy: proxy, logger: logger)
        let periodic = try self.startPeriodicReports(proxy: proxy, logger: logger)
        for await signal in Signals.watch([SIGHUP, SIGINT, SIGTERM]) {
            if signal == SIGHUP {
                try? await proxy.reload()
                continue
            }
            break
        }
        logger.info("stopping")
        periodic?.cancel()
        if let out, let report = try await Self.writeReports(proxy: proxy, algorithm: self.alg.name, to: out) {
            print(report.comparisonTable(), terminator: "")
        }
        await adminServer?.stop()
        try await proxy.shutdown()
    }

    /// The reports as they stand, written to `out` (files are replaced atomically, so a
    /// reader never sees half a file). Nil when the proxy has nothing to report yet.
    static func writeReports(proxy: LiveProxy, algorithm: String, to out: String) async throws -> RunReport? {
        guard let report = await proxy.report(algorithm: algorithm) else { return nil }
        try report.write(to: out)
        let duration = report.replications.first?.timeseries.last?.time ?? 0
        try report.writeHTML(to: out, context: ReportContext(
            scenario: "live", seed: 0, replications: 1, durationSeconds: duration, warmupSeconds: 0,
            commandLine: ReportContext.shellCommand(CommandLine.arguments), faults: []))
        return report
    }

    /// With --report-interval, a task that rewrites the reports every interval until cancelled.
    func startPeriodicReports(proxy: LiveProxy, logger: Logger) throws -> Task<Void, Never>? {
        guard let reportInterval, let out else { return nil }
        let interval = try Self.duration(reportInterval, option: "--report-interval")
        let algorithm = self.alg.name
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .nanoseconds(interval.nanoseconds))
                guard !Task.isCancelled else { return }
                do {
                    _ = try await Self.writeReports(proxy: proxy, algorithm: algorithm, to: out)
                } catch {
                    logger.warning("could not write the reports", metadata: ["out": "\(out)", "error": "\(error)"])
                }
            }
        }
    }

    /// The destination list and dispatcher settings from --list or --config.
    func loadConfiguration() throws -> (DestinationList, DispatcherConfiguration) {
        if let config {
            let scenario = try loadScenario(config)
            return (scenario.destinationList, scenario.dispatcher)
        }
        var configuration = DispatcherConfiguration()
        configuration.pingInterval = .seconds(1)
        configuration.probingMode = .all
        configuration.failover.inviteTimeout = .seconds(1)
        return (try loadDestinationList(self.list ?? ""), configuration)
    }

    static func readList(list: String?, config: String?) throws -> DestinationList {
        if let config { return try loadScenario(config).destinationList }
        return try loadDestinationList(list ?? "")
    }

    func applyOverrides(to c: inout DispatcherConfiguration) throws {
        if let probeInterval { c.pingInterval = try Self.duration(probeInterval, option: "--probe-interval") }
        if let probeTimeout { c.pingTimeout = try Self.duration(probeTimeout, option: "--probe-timeout") }
        if let probeThreshold { c.probingThreshold = probeThreshold }
        if let inactiveThreshold { c.inactiveThreshold = inactiveThreshold }
        if let probingMode, let mode = ProbingMode(rawValue: probingMode) { c.probingMode = mode }
        if let inviteTimeout { c.failover.inviteTimeout = try Self.duration(inviteTimeout, option: "--invite-timeout") }
        if let panicThreshold { c.panicThreshold = panicThreshold }
        if let maxPending { c.maxPending = Swift.max(0, maxPending) }
    }

    /// `500ms`, `1s`, `1.5s` or plain seconds.
    static func duration(_ text: String, option: String) throws -> TimeSpan {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("ms"), let v = Double(t.dropLast(2)), v >= 0 { return .seconds(v / 1000) }
        if t.hasSuffix("s"), let v = Double(t.dropLast()), v >= 0 { return .seconds(v) }
        if let v = Double(t), v >= 0 { return .seconds(v) }
        throw ValidationError("\(option): expected a duration like 500ms or 1s, found '\(text)'")
    }

    /// `udp:HOST:PORT` or `tcp:HOST:PORT` (IPv6 hosts in brackets).
    static func address(_ text: String, transport: SIPTransport) -> PeerAddress? {
        let prefix = transport.rawValue + ":"
        guard text.lowercased().hasPrefix(prefix), var address = PeerAddress(uri: "sip:" + text.dropFirst(prefix.count)) else { return nil }
        address.transport = transport
        return address
    }
}

extension LiveCommand {
    /// Starts the admin and metrics endpoint when --admin is given.
    func startAdmin(proxy: LiveProxy, logger: Logger) async throws -> AdminServer? {
        guard let admin else { return nil }
        guard let address = AdminAddress(parsing: admin) else {
            throw CommandError("--admin: expected HOST:PORT, found '\(admin)'")
        }
        let server = try AdminServer(address: address, backend: proxy, registry: proxy.metrics.registry, logger: logger)
        try await server.start()
        logger.info("admin endpoint listening", metadata: ["http": "\(address)"])
        return server
    }
}
