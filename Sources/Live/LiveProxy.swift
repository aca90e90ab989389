import Dispatcher
import Logging
import NIOCore
import NIOPosix
import Reports

/// A running live proxy: one UDP socket, one event loop, one `ProxyCore`.
/// It is also the admin API's backend: every call hops onto the event loop.
public final class LiveProxy: AdminBackend, Sendable {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    /// The TCP listener, when there is one.
    let tcpListener: (any Channel)?
    let handler: NIOLoopBound<UDPProxyHandler>
    let events: NIOLoopBound<EventLog>
    /// Reads the destination list again from its source (for reload).
    let loadList: @Sendable () throws -> DestinationList
    let logger: Logger
    public let startedAt: Instant
    /// What `GET /metrics` shows.
    public let metrics: ProxyMetrics

    /// The health changes seen, kept for events.csv.
    final class EventLog {
        var events: [StateEvent] = []
    }

    private init(
        group: MultiThreadedEventLoopGroup, channel: any Channel, tcpListener: (any Channel)?, handler: NIOLoopBound<UDPProxyHandler>,
        events: NIOLoopBound<EventLog>, loadList: @escaping @Sendable () throws -> DestinationList, logger: Logger, startedAt: Instant,
        metrics: ProxyMetrics
    ) {
        self.metrics = metrics
        self.group = group
        self.channel = channel
        self.tcpListener = tcpListener
        self.handler = handler
        self.events = events
        self.loadList = loadList
        self.logger = logger
        self.startedAt = startedAt
    }

    /// Binds `listen` (UDP), and `tcpListen` when given, and starts proxying with
    /// `dispatcher` for `configuration`. TCP destinations (`;transport=tcp`) get
    /// outbound connections on demand, reused for later messages.
    public static func start(
        configuration: ProxyConfiguration, dispatcher: Dispatcher, listen: PeerAddress, tcpListen: PeerAddress? = nil,
        loadList: @escaping @Sendable () throws -> DestinationList, logger: Logger
    ) async throws -> LiveProxy {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let seed = UInt64.random(in: .min ... .max)
        let startedAt = UDPProxyHandler.now(loop)
        let log = logger
        let metrics = ProxyMetrics()
        let (handler, events) = try await loop.submit {
            let events = EventLog()
            let core = ProxyCore(configuration: configuration, dispatcher: dispatcher, seed: seed)
            let handler = UDPProxyHandler(core: core, metrics: metrics) { change in
                let t = (change.time - startedAt).seconds
                events.events.append(StateEvent(
                    time: t, destination: change.uri, from: change.from.description, to: change.to.description,
                    cause: change.cause.description))
                log.info("destination state changed", metadata: [
                    "destination": "\(change.uri)", "from": "\(change.from)", "to": "\(change.to)", "cause": "\(change.cause)",
                ])
            }
            return (NIOLoopBound(handler, eventLoop: loop), NIOLoopBound(events, eventLoop: loop))
        }.get()
        // The TCP connector is in place before any socket can make the core send.
        try await loop.submit {
            handler.value.connectTCP = { peer in
                log.debug("opening a TCP connection", metadata: ["peer": "\(peer)"])
                ClientBootstrap(group: loop)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(TCPFramingHandler(proxy: handler, peer: peer))
                        }
                    }
                    .connect(host: peer.host, port: peer.port)
                    .whenFailure { error in
                        log.warning("TCP connection failed", metadata: ["peer": "\(peer)", "error": "\(error)"])
                        handler.value.tcpFailed(peer)
                    }
            }
        }.get()
        let channel = try await DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler.value) }
            }
            .bind(host: listen.host, port: listen.port).get()
        logger.info("listening", metadata: ["udp": "\(listen)"])
        var tcpListener: (any Channel)?
        if let tcpListen {
            tcpListener = try await ServerBootstrap(group: loop)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(TCPFramingHandler(proxy: handler))
                    }
                }
                .bind(host: tcpListen.host, port: tcpListen.port).get()
            logger.info("listening", metadata: ["tcp": "\(tcpListen)"])
        }
        return LiveProxy(
            group: group, channel: channel, tcpListener: tcpListener, handler: handler, events: events, loadList: loadList, logger: logger,
            startedAt: startedAt, metrics: metrics)
    }

    /// The UDP port actually bound (useful with port 0).
    public var port: Int? { self.channel.localAddress?.port }

    public func destinations() async -> [DestinationSnapshot] {
        let handler = self.handler
        return (try? await self.channel.eventLoop.submit {
            handler.value.core.dispatcher.status().map(DestinationSnapshot.init)
        }.get()) ?? []
    }

    public func refreshMetrics() async {
        let handler = self.handler
        try? await self.channel.eventLoop.submit { handler.value.exportMetrics() }.get()
    }

    public func setState(setID: Int, id: String, state: String) async throws {
        guard let flags = StateFlags(letters: state) else {
            throw AdminError("unknown state '\(state)'; expected a, i, t or d with an optional p")
        }
        let handler = self.handler
        try await self.channel.eventLoop.submit {
            let result: Result<Void, AdminError>? = handler.value.withCore { core, now in
                do throws(AdminError) {
                    try core.setState(flags, setID: setID, id: id, now: now)
                    return (.success(()), [])
                } catch {
                    return (.failure(error), [])
                }
            }
            try result?.get()
        }.get()
    }

    /// Reads the list again; a bad list is refused (the error is thrown and
    /// logged) and the running one stays.
    public func reload() async throws {
        let list: DestinationList
        do {
            list = try self.loadList()
        } catch {
            self.logger.error("reload refused; the old list stays", metadata: ["error": "\(error)"])
            throw error
        }
        let handler = self.handler
        let logger = self.logger
        try await self.channel.eventLoop.submit {
            let result: Result<Void, ListError>? = handler.value.withCore { core, now in
                do throws(ListError) {
                    try core.reload(list, now: now)
                    return (.success(()), [])
                } catch {
                    return (.failure(error), [])
                }
            }
            if case .failure(let error) = result {
                logger.error("reload refused; the old list stays", metadata: ["error": "\(error)"])
            }
            try result?.get()
        }.get()
        self.logger.info("reloaded", metadata: ["destinations": "\(list.entries.count)"])
    }

    /// What the run measured, in the offline report schema (one "live" row).
    public func report(algorithm: String) async -> RunReport? {
        let handler = self.handler
        let events = self.events
        let loop = self.channel.eventLoop
        return try? await loop.submit {
            LiveReport.make(core: handler.value.core, sampler: handler.value.sampler, events: events.value.events, algorithm: algorithm)
        }.get()
    }

    /// Closes the socket and stops the event loop.
    public func shutdown() async throws {
        try? await self.tcpListener?.close()
        try await self.channel.close()
        try await self.group.shutdownGracefully()
    }
}
