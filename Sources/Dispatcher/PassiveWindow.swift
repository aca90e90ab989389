/// Real-traffic outcomes of one destination: the run of consecutive failures and
/// a sliding window of attempts and failures in ten buckets.
struct PassiveWindow: Sendable {
    static let buckets = 10
    var consecutiveFailures = 0
    var attempts = InlineArray<10, Int32>(repeating: 0)
    var failures = InlineArray<10, Int32>(repeating: 0)
    /// The bucket number (time / bucket width) each slot holds.
    var epochs = InlineArray<10, Int64>(repeating: -1)

    /// Records one outcome and returns the window's (attempts, failures).
    mutating func record(failed: Bool, now: Instant, window: TimeSpan) -> (attempts: Int, failures: Int) {
        self.consecutiveFailures = failed ? self.consecutiveFailures + 1 : 0
        let width = Swift.max(1, window.nanoseconds / Int64(Self.buckets))
        let epoch = now.nanoseconds / width
        let i = Int(epoch % Int64(Self.buckets))
        if self.epochs[i] != epoch {
            self.epochs[i] = epoch
            self.attempts[i] = 0
            self.failures[i] = 0
        }
        self.attempts[i] += 1
        if failed { self.failures[i] += 1 }
        var a = 0
        var f = 0
        for k in 0..<Self.buckets where self.epochs[k] > epoch - Int64(Self.buckets) {
            a += Int(self.attempts[k])
            f += Int(self.failures[k])
        }
        return (a, f)
    }

    mutating func reset() { self = PassiveWindow() }
}
