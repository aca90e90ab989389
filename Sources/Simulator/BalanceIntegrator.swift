/// Time integrals of load balance after the warm-up: of the busiest
/// destination's active calls, and of all active calls, for `peak_to_mean`.
///
/// It keeps the busy counts itself and updates the peak as calls start and end,
/// so a change costs O(1) except when the busiest destination loses a call.
struct BalanceIntegrator {
    let warmup: Int64
    private var busy: [Int]
    private var total = 0
    private var peak = 0
    private var last: Int64
    private(set) var maxArea = 0.0
    private(set) var totalArea = 0.0

    init(destinations: Int, warmup: Int64) {
        self.busy = Array(repeating: 0, count: destinations)
        self.warmup = warmup
        self.last = warmup
    }

    /// Destination `i` gained (`+1`) or lost (`-1`) a call at `t`.
    mutating func change(_ i: Int, by delta: Int, at t: Int64) {
        self.advance(to: t)
        let wasPeak = self.busy[i] == self.peak
        self.busy[i] += delta
        self.total += delta
        if delta > 0 {
            self.peak = Swift.max(self.peak, self.busy[i])
        } else if wasPeak {
            self.peak = self.busy.max() ?? 0
        }
    }

    /// Accumulates up to `t` with the loads as they were since the last change.
    mutating func advance(to t: Int64) {
        guard t > self.last else { return }
        let dt = Double(t - self.last)
        self.maxArea += Double(self.peak) * dt
        self.totalArea += Double(self.total) * dt
        self.last = t
    }

    /// Time-averaged max over mean of active calls (1 is perfect balance).
    var peakToMean: Double {
        self.totalArea > 0 ? self.maxArea * Double(self.busy.count) / self.totalArea : 0
    }
}
