/// A health state change, with its time and cause: what Kamailio signals as
/// `dispatcher:dst-down` / `dst-up`, but for every change, including admin
/// commands and reloads (Kamailio stays silent on those, #4906).
public struct StateChange: Hashable, Sendable {
    public var time: Instant
    public var destination: DestinationHandle
    public var key: DestinationKey
    public var uri: String
    public var from: StateFlags
    public var to: StateFlags
    public var cause: StateChangeCause

    /// Became unselectable (Kamailio's dst-down).
    public var isDown: Bool { !self.from.isSkipped && self.to.isSkipped }
    /// Became selectable again (Kamailio's dst-up).
    public var isUp: Bool { self.from.isSkipped && !self.to.isSkipped }
}

/// Why a destination's state changed.
public enum StateChangeCause: Hashable, Sendable, CustomStringConvertible {
    /// A keepalive reply with this code.
    case probeReply(code: Int)
    /// A keepalive got no reply within the ping timeout (Kamailio reports 408).
    case probeTimeout
    /// `ds_mark_dst` after a call attempt failed with this code.
    case callFailure(code: Int)
    /// `ds_mark_dst` after a call attempt timed out.
    case callTimeout
    /// Passive health: this many consecutive failed calls.
    case consecutiveFailures(Int)
    /// Passive health: the error ratio over the window.
    case errorRatio(Double)
    /// Passive ejection ended with nothing probing the destination.
    case reinstated
    /// An admin command.
    case admin
    /// A reload changed the state the file gives it.
    case reload

    public var description: String {
        switch self {
        case .probeReply(let code): "probe-reply-\(code)"
        case .probeTimeout: "probe-timeout"
        case .callFailure(let code): "call-\(code)"
        case .callTimeout: "call-timeout"
        case .consecutiveFailures(let n): "passive-\(n)-failures"
        case .errorRatio(let r): "passive-error-ratio-\(Int((r * 100).rounded()))pct"
        case .reinstated: "reinstated"
        case .admin: "admin"
        case .reload: "reload"
        }
    }
}
