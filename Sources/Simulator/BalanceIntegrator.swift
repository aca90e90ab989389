/// Time integrals of load balance after the warm-up: of the busiest
/// destination's active calls, and of all active calls, for `peak_to_mean`.
///
/// It keeps the busy counts itself, and how many destinations have each count,
/// so the peak follows calls starting and ending in O(1): it only drops when
/// the last destination at the peak loses a call, and then by one.
struct BalanceIntegrator: ~Copyable {
    let warmup: Int64
    private var busy: UniqueArray<Int>
    /// `destinationsAt[n]`: how many destinations have `n` active calls.
    private var destinationsAt: UniqueArray<Int>
    private var total = 0
    private var peak = 0
    private var last: Int64
    private(set) var maxArea = 0.0
    private(set) var totalArea = 0.0

    init(destinations: Int, warmup: Int64) {
        self.busy = UniqueArray(repeating: 0, count: destinations)
        self.destinationsAt = UniqueArray(repeating: destinations, count: 1)
        self.warmup = warmup
        self.last = warmup
    }

    /// Destination `i` gained (`+1`) or lost (`-1`) a call at `t`.
    mutating func change(_ i: Int, by delta: Int, at t: Int64) {
        precondition(delta == 1 || delta == -1, "calls start and end one at a time")
        self.advance(to: t)
        let before = self.busy[i]
        let after = before + delta
        self.busy[i] = after
        self.total += delta
        if after == self.destinationsAt.count { self.destinationsAt.append(0) }
        self.destinationsAt[before] -= 1
        self.destinationsAt[after] += 1
        if after > self.peak {
            self.peak = after
        } else if before == self.peak, self.destinationsAt[before] == 0 {
            self.peak = after
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
