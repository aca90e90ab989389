import Dispatcher
import Reports
import Workloads

/// The core's state changes over a run: the events.csv rows, each destination's
/// time out of service, and when each fault was detected and recovered from.
struct HealthRecorder {
    private(set) var events: [StateEvent] = []
    private var changes: [(time: Int64, server: Int, down: Bool, up: Bool)] = []
    private var inactiveSince: [Int64?]
    private(set) var inactive: [Int64]
    let warmup: Int64

    init(destinations: Int, warmup: Int64) {
        self.inactiveSince = Array(repeating: nil, count: destinations)
        self.inactive = Array(repeating: 0, count: destinations)
        self.warmup = warmup
    }

    /// Starts the clock for destinations that begin the run out of service.
    mutating func start(server: Int, skipped: Bool) {
        if skipped { self.inactiveSince[server] = 0 }
    }

    mutating func record(_ change: StateChange, server: Int, name: String) {
        let t = change.time.nanoseconds
        self.events.append(StateEvent(
            time: change.time.seconds, destination: name, from: change.from.description,
            to: change.to.description, cause: change.cause.description))
        self.changes.append((t, server, change.isDown, change.isUp))
        if change.isDown {
            self.inactiveSince[server] = t
        } else if change.isUp, let since = self.inactiveSince[server] {
            self.inactive[server] += Swift.max(0, t - Swift.max(since, self.warmup))
            self.inactiveSince[server] = nil
        }
    }

    /// Closes open out-of-service periods at the end of the run.
    mutating func finish(at end: Int64) {
        for s in self.inactiveSince.indices {
            if let since = self.inactiveSince[s] {
                self.inactive[s] += Swift.max(0, end - Swift.max(since, self.warmup))
                self.inactiveSince[s] = nil
            }
        }
    }

    /// Mean seconds from each fault's start to the first take-down of its target
    /// while the fault lasts, and from its end to the first return after it.
    /// Only faults that stop calls being served count (not slow, capacity or probe loss).
    func detection(faults: [Fault]) -> (detect: Double?, recover: Double?) {
        var detect: [Double] = []
        var recover: [Double] = []
        for f in faults where f.kind.stopsService {
            let start = f.start.nanoseconds
            let end = f.end.nanoseconds
            if let down = self.changes.first(where: { $0.server == f.target && $0.down && $0.time >= start && $0.time <= end }) {
                detect.append(Double(down.time - start) / 1e9)
                if let up = self.changes.first(where: { $0.server == f.target && $0.up && $0.time >= end }) {
                    recover.append(Double(up.time - end) / 1e9)
                }
            }
        }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        return (mean(detect), mean(recover))
    }
}

extension FaultKind {
    /// Whether calls sent to the destination fail while the fault lasts.
    var stopsService: Bool {
        switch self {
        case .down, .reject, .rejectCalls, .flapping: true
        case .slow, .capacity, .probeLoss: false
        }
    }
}
