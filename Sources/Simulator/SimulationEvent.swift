import Dispatcher

/// What can happen in a simulated run. Call events carry the call's pool index
/// and the attempt they belong to.
enum SimulationEvent {
    /// The destination's final reply to an attempt.
    case reply(call: Int32, attempt: UInt32, code: Int16)
    /// `invite_timeout` passed without a final reply.
    case timeout(call: Int32, attempt: UInt32)
    /// The caller hangs up (BYE).
    case hangup(call: Int32)
    /// A probe's reply reaches the dispatcher.
    case probeReply(probe: Int32, code: Int16)
    /// The core has timed work due (probes, probe timeouts, expiry).
    case wake
    /// A report interval ends.
    case report
}

/// The event queue's FIFO lanes: events scheduled a fixed delay after `now`
/// mostly come in time order, and a lane keeps them for O(1) (see `EventQueue`).
enum EventLane: Int, CaseIterable {
    /// Final replies: in order whenever the answer delay is fixed.
    case replies
    /// INVITE timeouts, always `invite_timeout` after the attempt.
    case timeouts
    /// OPTIONS replies, a fixed round trip after the ping round.
    case probes
}

extension EventQueue {
    /// Schedules into a named lane (the heap when the lane's order would break).
    mutating func schedule(_ payload: Payload, at time: Instant, lane: EventLane) {
        self.schedule(payload, at: time, lane: lane.rawValue)
    }
}
