/// Why the admin endpoint could not be set up; socket errors (address in use, …) are
/// thrown as FlyingFox reports them.
public enum AdminServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host is not a numeric IPv4 or IPv6 literal.
    case invalidHost(String)
    /// `start()` was called on a server that is already running.
    case alreadyStarted
    /// The socket did not start listening within the start timeout.
    case notListening(AdminAddress)

    public var description: String {
        switch self {
        case .invalidHost(let host): "admin host '\(host)' is not a numeric IP address"
        case .alreadyStarted: "admin endpoint already started"
        case .notListening(let address): "admin endpoint did not start listening on \(address)"
        }
    }
}
