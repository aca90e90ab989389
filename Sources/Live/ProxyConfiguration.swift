import Dispatcher

/// How the proxy routes: the set and algorithm of `ds_select_dst(set, alg)`, its
/// own address (for Via and Record-Route), and whether it keeps transactions.
public struct ProxyConfiguration: Sendable {
    public var setID: Int
    public var algorithm: Algorithm
    /// The address the proxy listens on and writes into Via and Record-Route.
    public var advertised: PeerAddress
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

    /// The Record-Route URI: loose routing back through this proxy.
    var recordRouteURI: String { "sip:\(self.advertised);lr" }
}
