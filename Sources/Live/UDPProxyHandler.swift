import Dispatcher
import NIOCore

/// Drives a `ProxyCore` from a UDP channel: datagrams in, datagrams out, and the
/// core's timers as event-loop tasks. All state stays on the channel's event loop.
public final class UDPProxyHandler: ChannelInboundHandler {
    public typealias InboundIn = AddressedEnvelope<ByteBuffer>
    public typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    public internal(set) var core: ProxyCore
    /// Called on the event loop with every health change the core reports.
    var onStateChange: (StateChange) -> Void
    private var addresses: [PeerAddress: SocketAddress] = [:]
    private var context: ChannelHandlerContext?
    /// Open TCP connections by peer, and messages waiting for one to open.
    private var tcpConnections: [PeerAddress: any Channel] = [:]
    private var tcpWaiting: [PeerAddress: [[UInt8]]] = [:]
    /// Opens an outbound TCP connection (set by `LiveProxy`, which owns the bootstrap).
    var connectTCP: ((PeerAddress) -> Void)?
    /// Per-interval samples for the live report.
    var sampler = ActivitySampler()
    /// How often to sample destinations for the report and the metrics.
    let sampleInterval: TimeAmount
    /// Where the samples go for `GET /metrics`, when there is an endpoint.
    let metrics: ProxyMetrics?
    private var export = MetricsExport()

    public init(
        core: ProxyCore, sampleInterval: TimeAmount = .seconds(1), metrics: ProxyMetrics? = nil,
        onStateChange: @escaping (StateChange) -> Void = { _ in }
    ) {
        self.core = core
        self.sampleInterval = sampleInterval
        self.metrics = metrics
        self.onStateChange = onStateChange
    }

    public func channelActive(context: ChannelHandlerContext) {
        self.context = context
        self.perform(self.core.start(now: Self.now(context.eventLoop)), context: context)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: self.sampleInterval) { task in
            let handler = bound.value
            guard let context = handler.context else {
                task.cancel()
                return
            }
            handler.sampler.sample(handler.core.dispatcher, now: Self.now(context.eventLoop))
            handler.exportMetrics()
        }
        context.fireChannelActive()
    }

    /// Pushes the core's counts into the metrics (on the event loop).
    func exportMetrics() {
        if let metrics = self.metrics { self.export.export(self.core, to: metrics) }
    }

    public func channelInactive(context: ChannelHandlerContext) {
        self.context = nil
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = self.unwrapInboundIn(data)
        guard let source = PeerAddress(envelope.remoteAddress) else { return }
        let bytes = Array(envelope.data.readableBytesView)
        self.perform(self.core.receive(bytes, from: source, now: Self.now(context.eventLoop)), context: context)
    }

    /// Runs `body` on the core (on the event loop) and carries out what it returns.
    func withCore<T>(_ body: (inout ProxyCore, Instant) -> (T, [ProxyAction])) -> T? {
        guard let context = self.context else { return nil }
        let (value, actions) = body(&self.core, Self.now(context.eventLoop))
        self.perform(actions, context: context)
        return value
    }

    static func now(_ loop: any EventLoop) -> Instant {
        Instant(nanoseconds: Int64(truncatingIfNeeded: loop.now.uptimeNanoseconds))
    }

    private func perform(_ actions: [ProxyAction], context: ChannelHandlerContext) {
        var wrote = false
        for action in actions {
            switch action {
            case .send(let bytes, let to) where to.transport == .tcp:
                self.sendTCP(bytes, to: to)
            case .send(let bytes, let to):
                guard let address = self.socketAddress(to) else { continue }
                let buffer = context.channel.allocator.buffer(bytes: bytes)
                context.write(self.wrapOutboundOut(AddressedEnvelope(remoteAddress: address, data: buffer)), promise: nil)
                wrote = true
            case .schedule(let timer, let at):
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let deadline = NIODeadline.uptimeNanoseconds(UInt64(Swift.max(0, at.nanoseconds)))
                context.eventLoop.scheduleTask(deadline: deadline) {
                    let (handler, context) = bound.value
                    guard handler.context != nil else { return }
                    handler.perform(handler.core.timerFired(timer, now: Self.now(context.eventLoop)), context: context)
                }
            }
        }
        if wrote { context.flush() }
        for change in self.core.takeStateChanges() { self.onStateChange(change) }
    }

    /// A SIP message framed from a TCP connection.
    func receiveStream(_ bytes: [UInt8], from peer: PeerAddress) {
        guard let context = self.context else { return }
        self.perform(self.core.receive(bytes, from: peer, now: Self.now(context.eventLoop)), context: context)
    }

    func tcpConnected(_ peer: PeerAddress, channel: any Channel) {
        self.tcpConnections[peer] = channel
        for bytes in self.tcpWaiting.removeValue(forKey: peer) ?? [] { self.write(bytes, on: channel) }
    }

    func tcpClosed(_ peer: PeerAddress, channel: any Channel) {
        if self.tcpConnections[peer] === channel { self.tcpConnections[peer] = nil }
    }

    /// An outbound connection failed: what waited for it is dropped, and the
    /// transactions' own timers turn that into failover.
    func tcpFailed(_ peer: PeerAddress) {
        self.tcpWaiting[peer] = nil
    }

    private func sendTCP(_ bytes: [UInt8], to peer: PeerAddress) {
        if let channel = self.tcpConnections[peer] {
            self.write(bytes, on: channel)
            return
        }
        guard let connect = self.connectTCP else { return }
        let first = self.tcpWaiting[peer] == nil
        self.tcpWaiting[peer, default: []].append(bytes)
        if first { connect(peer) }
    }

    private func write(_ bytes: [UInt8], on channel: any Channel) {
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
    }

    /// Socket addresses by peer, resolved once (destination host names too).
    private func socketAddress(_ peer: PeerAddress) -> SocketAddress? {
        if let known = self.addresses[peer] { return known }
        if self.addresses.count > 65_536 { self.addresses.removeAll(keepingCapacity: true) }
        let resolved = (try? SocketAddress(ipAddress: peer.host, port: peer.port))
            ?? (try? SocketAddress.makeAddressResolvingHost(peer.host, port: peer.port))
        if let resolved { self.addresses[peer] = resolved }
        return resolved
    }
}

extension PeerAddress {
    /// The IP and port of a socket address; nil for Unix sockets.
    init?(_ address: SocketAddress) {
        guard let ip = address.ipAddress, let port = address.port else { return nil }
        self.init(host: ip, port: port)
    }
}
