/// Time integrals of load balance after the warm-up: of the busiest
/// destination's active calls, and of all active calls, for `peak_to_mean`.
struct BalanceIntegrator {
    let destinations: Int
    let warmup: Int64
    private var last: Int64
    private(set) var maxArea = 0.0
    private(set) var totalArea = 0.0

    init(destinations: Int, warmup: Int64) {
        self.destinations = destinations
        self.warmup = warmup
        self.last = warmup
    }

    /// Accumulates up to `t`, with the loads as they were since the last change.
    mutating func advance(to t: Int64, servers: [DestinationServer]) {
        guard t > self.last else { return }
        var peak = 0
        var total = 0
        for s in servers {
            peak = Swift.max(peak, s.busy)
            total += s.busy
        }
        let dt = Double(t - self.last)
        self.maxArea += Double(peak) * dt
        self.totalArea += Double(total) * dt
        self.last = t
    }

    /// Time-averaged max over mean of active calls (1 is perfect balance).
    var peakToMean: Double {
        self.totalArea > 0 ? self.maxArea * Double(self.destinations) / self.totalArea : 0
    }
}
