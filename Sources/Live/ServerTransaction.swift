import Dispatcher
import SIP

/// An INVITE from a caller, routed through the dispatcher: RFC 3261's server
/// transaction and the proxy's sequence of client attempts in one.
struct ServerTransaction: Sendable {
    /// The INVITE as received, Max-Forwards already decremented.
    var request: SIPMessage
    var source: PeerAddress
    var call: CallKey
    var arrivedAt: Instant
    var selection: Selection?
    /// The last response sent to the caller, resent when the INVITE is retransmitted.
    var lastResponse: [UInt8]?
    /// Our branch for the attempt in progress, nil when none.
    var currentBranch: String?
    var attemptBranches: [String] = []
    var finished = false
    var cancelled = false
    /// Finished and kept only to absorb retransmissions until the sweep forgets it.
    var lingering = false

    /// Drops what a finished transaction no longer needs, keeping only what absorbs
    /// retransmissions (the source and the last response): under overload tens of
    /// thousands of them linger for 32 s, and the request is most of their size.
    mutating func compact() {
        self.request = SIPMessage(startLine: .request(method: "INVITE", uri: ""))
        self.selection = nil
    }
}

/// One forwarded INVITE (a client transaction).
struct ClientAttempt: Sendable {
    /// The caller's branch: the key of its server transaction.
    var serverBranch: String
    var destination: DestinationHandle
    var address: PeerAddress
    /// The bytes sent, for retransmission, ACK and CANCEL.
    var request: SIPMessage
    var bytes: [UInt8]
    var provisional = false
    var final = false
    /// The ACK sent for a non-2xx final response, resent if the response is.
    var ack: [UInt8]?

    /// Once final, only the ACK is needed again.
    mutating func compact() {
        self.request = SIPMessage(startLine: .request(method: "INVITE", uri: ""))
        self.bytes = []
    }
}
