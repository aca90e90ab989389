/// What a random stream is used for.
///
/// Each purpose gets its own stream so that common random numbers hold across the
/// algorithms being compared: the calls' arrival times, holding times, callers and
/// injected faults are drawn from streams the dispatcher's choices never touch, so
/// two algorithms see exactly the same calls and the same faults, and differences in
/// their results come from the policy rather than from noise.
///
/// The raw values are part of every run's numbers: renumbering a case changes the
/// output of every scenario. Add new purposes at the end with fresh numbers.
public enum StreamPurpose: UInt64, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Call arrival times.
    case arrivals = 1
    /// Call holding (talk) times.
    case holding = 2
    /// Which caller places each call, which callee it goes to, and Call-ID salts.
    case callers = 3
    /// How long a destination takes to answer.
    case answerDelay = 4
    /// Whether a destination rejects or drops an attempt.
    case destinationErrors = 5
    /// Fault-schedule randomness (flapping, random outages).
    case faults = 6
    /// Probe (OPTIONS) loss and latency.
    case probes = 7
    /// The dispatcher core's own choices (random, power-of-two, ...).
    case dispatcher = 8

    public var description: String {
        switch self {
        case .arrivals: "arrivals"
        case .holding: "holding"
        case .callers: "callers"
        case .answerDelay: "answer-delay"
        case .destinationErrors: "destination-errors"
        case .faults: "faults"
        case .probes: "probes"
        case .dispatcher: "dispatcher"
        }
    }
}
