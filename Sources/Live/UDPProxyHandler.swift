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
            if let metrics = handler.metrics { handler.export.export(handler.core, to: metrics) }
        }
        context.fireChannelActive()
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
