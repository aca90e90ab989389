/// What the core needs to know about a request to route it: the set and
/// algorithm (`ds_select_dst(set, alg)`) and the keys the hash algorithms read.
public struct RouteRequest: Sendable {
    public var setID: Int
    public var algorithm: Algorithm
    /// The Call-ID body (algorithm 0, rendezvous; also the call-load key).
    public var callID: String
    /// The From URI (algorithm 1); a full header value with a display name also works.
    public var fromURI: String
    /// The To URI (algorithm 2).
    public var toURI: String
    /// The current Request-URI (algorithm 3).
    public var requestURI: String
    /// The digest username from Proxy-Authorization or Authorization (algorithm 5).
    public var authUser: String
    /// The caller-given key (algorithm 7), Kamailio's expanded `hash_pvar`.
    public var hashKey: String
    /// Algorithm 10 only balances INVITEs; other requests go to the first active entry.
    public var isInvite: Bool
    /// Overrides the configured failover `limit` for this request (0: no limit).
    public var limit: Int?

    public init(
        setID: Int, algorithm: Algorithm, callID: String = "", fromURI: String = "", toURI: String = "",
        requestURI: String = "", authUser: String = "", hashKey: String = "", isInvite: Bool = true, limit: Int? = nil
    ) {
        self.setID = setID
        self.algorithm = algorithm
        self.callID = callID
        self.fromURI = fromURI
        self.toURI = toURI
        self.requestURI = requestURI
        self.authUser = authUser
        self.hashKey = hashKey
        self.isInvite = isInvite
        self.limit = limit
    }
}
