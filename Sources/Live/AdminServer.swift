import FlyingFox
import FlyingSocks
import Foundation
import Logging
import Prometheus

/// The admin and metrics HTTP endpoint (`--admin 127.0.0.1:8080`), on FlyingFox.
///
/// FlyingFox's `run()` only returns when the server stops, so `start()` runs it in a
/// task and returns once the socket listens (or throws the bind error), which lets
/// the proxy start it alongside its SIP sockets and tests learn the ephemeral port.
public actor AdminServer {
    public let address: AdminAddress
    private let server: HTTPServer
    private let logger: Logger
    private let stoppingFlag = FlyingFoxLogBridge.StoppingFlag()
    private var runTask: Task<Void, Never>?
    private var runFailure: (any Error)?
    private var stopping = false

    /// - Parameters:
    ///   - address: where to listen; loopback by default since there is no authentication.
    ///   - registry: what `GET /metrics` exposes (usually `ProxyMetrics.registry`).
    ///   - timeout: how long a connection may stay idle before FlyingFox closes it.
    public init(
        address: AdminAddress = AdminAddress(port: 8080),
        backend: any AdminBackend,
        registry: PrometheusCollectorRegistry,
        logger: Logger = Logger(label: "dispatchlab.admin"),
        timeout: TimeInterval = 15
    ) throws {
        self.address = address
        self.logger = logger
        let bridge = FlyingFoxLogBridge(logger: logger, stopping: self.stoppingFlag)
        let handler = AdminHTTPHandler(router: AdminRouter(backend: backend, registry: registry), logger: logger)
        let pool = HTTPServer.defaultPool(logger: bridge)
        do {
            if address.isIPv6 {
                self.server = HTTPServer(
                    address: try sockaddr_in6.inet6(ip6: address.host, port: address.port),
                    timeout: timeout, pool: pool, logger: bridge, handler: handler)
            } else {
                self.server = HTTPServer(
                    address: try sockaddr_in.inet(ip4: address.host, port: address.port),
                    timeout: timeout, pool: pool, logger: bridge, handler: handler)
            }
        } catch {
            throw AdminServerError.invalidHost(address.host)
        }
    }

    /// Binds and starts serving; returns once the socket listens. Throws the bind error
    /// (e.g. address in use) or `notListening` after `timeout`.
    public func start(timeout: Duration = .seconds(5)) async throws {
        guard self.runTask == nil else { throw AdminServerError.alreadyStarted }
        self.runFailure = nil
        self.stopping = false
        self.stoppingFlag.set(false)
        let server = self.server
        self.runTask = Task {
            do {
                try await server.run()
            } catch {
                self.runEnded(with: error)
            }
        }
        // FlyingFox has no "listening or failed" signal, only `waitUntilListening`,
        // which would sit out its whole timeout on a bind error; polling both is simple.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if await server.isListening {
                let port = await self.port ?? 0
                self.logger.info("admin endpoint listening", metadata: ["address": "\(self.address)", "port": "\(port)"])
                return
            }
            if let failure = self.runFailure {
                self.runTask = nil  // runEnded has logged it
                throw failure
            }
            if clock.now >= deadline {
                await self.stop()
                throw AdminServerError.notListening(self.address)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The port actually bound (the ephemeral one when `address.port` is 0); nil when
    /// not listening.
    public var port: UInt16? {
        get async {
            switch await self.server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): port
            case .unix, nil: nil
            }
        }
    }

    /// Closes the listening socket, lets open connections finish for up to
    /// `gracePeriod` seconds (idle keep-alive connections from a scraper hold it that
    /// long), and waits for the server task to end. Safe to call when not started.
    public func stop(gracePeriod: TimeInterval = 1) async {
        guard let task = self.runTask else { return }
        let port = await self.port ?? self.address.port
        self.stopping = true
        self.stoppingFlag.set(true)
        self.runTask = nil
        await self.server.stop(timeout: gracePeriod)
        await task.value
        self.logger.info("admin endpoint stopped", metadata: ["address": "\(self.address)", "port": "\(port)"])
    }

    /// The server task ended with an error: expected while stopping, otherwise kept
    /// for `start()` to throw and logged, since nothing else would notice.
    private func runEnded(with error: any Error) {
        if self.stopping {
            self.logger.debug("admin endpoint task ended", metadata: ["error": "\(error)"])
        } else {
            self.runFailure = error
            self.logger.error("admin endpoint failed", metadata: ["address": "\(self.address)", "error": "\(error)"])
        }
    }
}
