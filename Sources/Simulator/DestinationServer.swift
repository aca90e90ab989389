import Dispatcher
import Reports
import Workloads

/// The server behind one destination: its channels, its calls-per-second limit,
/// its faults, and the time integrals the reports need.
struct DestinationServer {
    let model: DestinationModel
    /// The model's per-call parameters, kept apart so the hot path copies no strings.
    let answerDelay: Distribution
    let errorRatio: Double
    let errorCode: Int
    let faults: FaultSchedule
    /// Channels in use: ringing or answered calls it holds.
    private(set) var busy = 0
    /// Start of the current one-second window for the cps limit, and INVITEs in it.
    private var cpsWindowStart: Int64 = -1_000_000_000
    private var cpsCount = 0
    /// Integral of `busy` over time after the warm-up, in channel·ns.
    private(set) var busyArea: Double = 0
    private(set) var peakBusy = 0
    private var lastChange: Int64 = 0
    let warmup: Int64
    let capacity: Int
    let callsPerSecond: Double?

    var metrics: DestinationMetrics
    /// Attempts in the current report interval.
    var intervalAttempts = 0

    init(model: DestinationModel, faults: [Fault], warmup: Int64) {
        self.model = model
        self.answerDelay = model.answerDelay
        self.errorRatio = model.errorRatio
        self.errorCode = model.errorCode
        self.faults = FaultSchedule(faults)
        self.warmup = warmup
        self.capacity = model.capacity
        self.callsPerSecond = model.callsPerSecond
        self.lastChange = warmup
        self.metrics = DestinationMetrics(name: model.name)
    }

    /// What the server does with an INVITE sent at `t`, all in one access to it:
    /// counts the attempt, then either stays silent (`code` nil: the attempt
    /// will time out) or gives the final code and its delay. A 200 seizes a
    /// channel, held until `release`. `dead` tells whether a fault kept it
    /// from serving the call whatever its load.
    mutating func answer(
        at t: Int64, counted: Bool, delays: inout RandomStream, errors: inout RandomStream
    ) -> (code: Int?, delay: Int64, dead: Bool) {
        self.intervalAttempts += 1
        if counted { self.metrics.attempts += 1 }
        let condition = self.condition(at: t)
        guard !condition.silent else { return (nil, 0, true) }
        let delay = nanoseconds(self.answerDelay.sample(using: &delays)) + condition.extraDelay
        let code: Int
        if let faulted = condition.callCode {
            code = faulted
        } else if !self.admitRate(at: t) {
            code = 503
        } else if !self.hasChannel(condition) {
            code = 486
        } else if self.errorRatio > 0, errors.nextOpenUnit() < self.errorRatio {
            code = self.errorCode
        } else {
            code = 200
            self.seize(at: t)
        }
        return (code, delay, condition.isDead)
    }

    func condition(at t: Int64) -> Condition {
        self.faults.isEmpty ? Condition() : self.faults.condition(at: t)
    }

    /// Whether a new INVITE at `t` finds a channel (given the capacity a fault may cut).
    func hasChannel(_ condition: Condition) -> Bool {
        self.busy < (condition.channels ?? self.capacity)
    }

    /// Counts an INVITE against the calls-per-second limit; false when over it.
    mutating func admitRate(at t: Int64) -> Bool {
        guard let cps = self.callsPerSecond else { return true }
        if t - self.cpsWindowStart >= 1_000_000_000 {
            self.cpsWindowStart = t
            self.cpsCount = 0
        }
        self.cpsCount += 1
        return Double(self.cpsCount) <= cps
    }

    mutating func seize(at t: Int64) {
        self.advance(to: t)
        self.busy += 1
        if t >= self.warmup { self.peakBusy = Swift.max(self.peakBusy, self.busy) }
    }

    mutating func release(at t: Int64) {
        self.advance(to: t)
        self.busy -= 1
    }

    /// Accumulates the busy integral up to `t` (nothing before the warm-up).
    mutating func advance(to t: Int64) {
        guard t > self.lastChange else { return }
        self.busyArea += Double(self.busy) * Double(t - self.lastChange)
        self.lastChange = t
    }
}
