import NIOCore
import SIP

/// One TCP connection, inbound or outbound: cuts the byte stream into SIP messages
/// with `SIPStreamFramer` (Content-Length framing) and hands them to the proxy.
/// A stream that cannot be framed is counted as malformed and closed.
final class TCPFramingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let proxy: NIOLoopBound<UDPProxyHandler>
    /// The peer this connection is known by (for an outbound one, the destination).
    private var peer: PeerAddress?
    private var buffer: [UInt8] = []
    private let framer = SIPStreamFramer()

    init(proxy: NIOLoopBound<UDPProxyHandler>, peer: PeerAddress? = nil) {
        self.proxy = proxy
        self.peer = peer
    }

    func channelActive(context: ChannelHandlerContext) {
        if self.peer == nil, let remote = context.channel.remoteAddress, var peer = PeerAddress(remote) {
            peer.transport = .tcp
            self.peer = peer
        }
        if let peer = self.peer { self.proxy.value.tcpConnected(peer, channel: context.channel) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = self.unwrapInboundIn(data)
        self.buffer.append(contentsOf: bytes.readBytes(length: bytes.readableBytes) ?? [])
        guard let peer = self.peer else { return }
        var consumed = 0
        while consumed < self.buffer.count {
            let rest = self.buffer[consumed...]
            do {
                switch try self.framer.nextFrame(in: rest) {
                case .message(let range):
                    self.proxy.value.receiveStream(Array(self.buffer[range]), from: peer)
                    consumed = range.upperBound
                case .needMoreBytes(let discardable):
                    consumed += discardable
                    self.buffer.removeFirst(consumed)
                    return
                }
            } catch {
                self.proxy.value.core.countMalformed()
                context.close(promise: nil)
                return
            }
        }
        self.buffer.removeFirst(consumed)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let peer = self.peer { self.proxy.value.tcpClosed(peer, channel: context.channel) }
        context.fireChannelInactive()
    }
}
