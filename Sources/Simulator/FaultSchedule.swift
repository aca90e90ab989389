import Dispatcher
import Workloads

/// How a destination behaves at one instant, from the faults active on it.
struct Condition {
    /// Calls get no reply at all (down, or the down half of a flap).
    var silent = false
    /// Calls are answered with this code instead of being served.
    var callCode: Int?
    /// Probes are answered with this code (nil: 200), unless `probeLost`.
    var probeCode: Int?
    /// Probes get no reply.
    var probeLost = false
    /// Added to every answer.
    var extraDelay: Int64 = 0
    /// Channels left, when a capacity fault cuts them.
    var channels: Int?

    /// Whether an INVITE sent now is sent to a dead destination (for `sent_to_dead`):
    /// one that will not serve it whatever its load.
    var isDead: Bool { self.silent || self.callCode != nil }
}

/// The faults of one destination, evaluated as a pure function of time: the
/// schedule is fixed by the scenario, so every algorithm sees the same faults.
struct FaultSchedule {
    private let faults: [(start: Int64, end: Int64, kind: FaultKind)]

    init(_ faults: [Fault]) {
        self.faults = faults.map { ($0.start.nanoseconds, $0.end.nanoseconds, $0.kind) }
    }

    var isEmpty: Bool { self.faults.isEmpty }

    func condition(at t: Int64) -> Condition {
        var c = Condition()
        for f in self.faults where t >= f.start && t < f.end {
            switch f.kind {
            case .down:
                c.silent = true
                c.probeLost = true
            case .reject(let code):
                c.callCode = code
                c.probeCode = code
            case .rejectCalls(let code):
                c.callCode = code
            case .slow(let extra):
                c.extraDelay += extra.nanoseconds
            case .flapping(let period):
                let half = Swift.max(1, period.nanoseconds / 2)
                if ((t - f.start) / half) % 2 == 0 {
                    c.silent = true
                    c.probeLost = true
                }
            case .capacity(let channels):
                c.channels = Swift.min(c.channels ?? channels, channels)
            case .probeLoss:
                c.probeLost = true
            }
        }
        return c
    }
}
