import Dispatcher

/// How the proxy routes: the set and algorithm of `ds_select_dst(set, alg)`, its
/// own address (for Via and Record-Route), and whether it keeps transactions.
public struct ProxyConfiguration: Sendable {
    public var setID: Int
    public var algorithm: Algorithm
    /// The address the proxy listens on (UDP) and writes into Via and Record-Route.
    public var advertised: PeerAddress
    /// The TCP listener's address, when the proxy has one: TCP peers are given this one.
    public var advertisedTCP: PeerAddress?
    /// Kamailio's `forward()`: no transactions, no failover, no 100 Trying.
    public var stateless: Bool
    /// RFC 3261 T1, the first INVITE retransmission interval over UDP.
    public var t1 = TimeSpan.milliseconds(500)
    /// How long a finished transaction is kept to absorb retransmissions (Timer H/J).
    public var linger = TimeSpan.seconds(32)

    public init(setID: Int, algorithm: Algorithm, advertised: PeerAddress, stateless: Bool = false) {
        self.setID = setID
        self.algorithm = algorithm
        self.advertised = advertised
        self.stateless = stateless
    }

    /// Our address as a peer on `transport` must reach it: the TCP listener for
    /// TCP when there is one, the UDP address otherwise.
    func ownAddress(for transport: SIPTransport) -> PeerAddress {
        transport == .tcp ? self.advertisedTCP ?? self.advertised : self.advertised
    }

    /// Whether `address` names this proxy (either listener, whatever the transport).
    func isOwn(_ address: PeerAddress) -> Bool {
        address.sameEndpoint(as: self.advertised) || self.advertisedTCP.map(address.sameEndpoint(as:)) == true
    }

    /// The Record-Route URI for the side of a dialog that talks to us over
    /// `transport`: loose routing back through this proxy, over that transport.
    func recordRouteURI(for transport: SIPTransport) -> String {
        guard transport == .tcp, let tcp = self.advertisedTCP else { return "sip:\(self.advertised);lr" }
        return "sip:\(tcp);transport=tcp;lr"
    }
}
