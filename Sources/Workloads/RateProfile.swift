/// A time-varying arrival rate λ(t), in calls per second, made of points.
///
/// Each step says "from `start` on, the rate is `rate`". How the rate gets there
/// depends on `ramp`:
///
/// - `ramp == false`: a jump. The previous rate holds up to (not including)
///   `start`, then the rate is `rate`: piecewise constant.
/// - `ramp == true`: a linear ramp. The rate moves in a straight line from the
///   previous step's rate at the previous step's start to `rate` at `start`.
///
/// Before the first step the rate is 0 (a first step with `ramp` climbs from 0 at
/// time 0). After the last step its rate holds forever; the simulator stops at the
/// scenario's duration.
///
/// ```swift
/// // 10/s for 5 minutes, ramp to 50/s over the next 10 minutes, drop to 20/s at 30 min.
/// let busyHour = try RateProfile([
///     RateStep(start: 0, rate: 10),
///     RateStep(start: 300, rate: 10),
///     RateStep(start: 900, rate: 50, ramp: true),
///     RateStep(start: 1800, rate: 20),
/// ])
/// ```
public struct RateProfile: Sendable, Hashable {
    /// The steps, with strictly increasing starts (checked at `init`).
    public let steps: [RateStep]

    /// Checks that there is at least one step, starts are finite, non-negative and
    /// strictly increasing, and rates are finite and non-negative.
    public init(_ steps: [RateStep]) throws(WorkloadError) {
        guard !steps.isEmpty else { throw WorkloadError("expected at least one step in a rate profile") }
        var previousStart = -Double.infinity
        for (i, step) in steps.enumerated() {
            guard step.start.isFinite, step.start >= 0 else {
                throw WorkloadError("expected a non-negative start time in rate step \(i + 1), got \(step.start)")
            }
            guard step.start > previousStart else {
                throw WorkloadError("expected rate step \(i + 1) to start after \(previousStart)s, got \(step.start)s")
            }
            guard step.rate.isFinite, step.rate >= 0 else {
                throw WorkloadError("expected a non-negative rate in rate step \(i + 1), got \(step.rate)")
            }
            previousStart = step.start
        }
        self.steps = steps
    }

    /// One linear piece of λ(t): from `start` to `end` the rate goes from
    /// `startRate` to `endRate` (equal for a constant piece).
    struct Segment {
        var start: Double
        var end: Double
        var startRate: Double
        var endRate: Double

        func rate(at t: Double) -> Double {
            guard self.end.isFinite, self.end > self.start, self.startRate != self.endRate else { return self.startRate }
            return self.startRate + (self.endRate - self.startRate) * (t - self.start) / (self.end - self.start)
        }

        /// ∫ λ over [a, b] within this segment (trapezoid, exact for linear).
        func integral(from a: Double, to b: Double) -> Double {
            let lo = max(a, self.start)
            let hi = min(b, self.end)
            guard hi > lo else { return 0 }
            return (hi - lo) * (self.rate(at: lo) + self.rate(at: hi)) / 2
        }
    }

    /// The segment containing `t`: index `k` covers `[point k, point k+1)`, where
    /// point 0 is the implicit (0 s, 0/s) before the first step, and the last
    /// segment is open-ended.
    func segment(_ k: Int) -> Segment {
        let startTime = k == 0 ? 0 : self.steps[k - 1].start
        let startRate = k == 0 ? 0 : self.steps[k - 1].rate
        guard k < self.steps.count else {
            return Segment(start: startTime, end: .infinity, startRate: startRate, endRate: startRate)
        }
        let next = self.steps[k]
        return Segment(start: startTime, end: next.start, startRate: startRate, endRate: next.ramp ? next.rate : startRate)
    }

    /// The number of segments, including the open-ended last one.
    var segmentCount: Int { self.steps.count + 1 }

    /// The index of the segment containing `t`.
    func segmentIndex(containing t: Double) -> Int {
        // Steps are few (a handful to a few hundred); a binary search keeps long
        // diurnal profiles cheap anyway.
        var lo = 0
        var hi = self.steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self.steps[mid].start <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// λ(t) in calls per second.
    public func rate(at t: Double) -> Double {
        self.segment(self.segmentIndex(containing: t)).rate(at: t)
    }

    /// The expected number of arrivals in `[a, b]`: ∫ λ(t) dt.
    public func integral(from a: Double, to b: Double) -> Double {
        guard b > a else { return 0 }
        var total = 0.0
        var k = self.segmentIndex(containing: a)
        while k < self.segmentCount {
            let segment = self.segment(k)
            if segment.start >= b { break }
            total += segment.integral(from: a, to: b)
            k += 1
        }
        return total
    }
}

/// One point of a `RateProfile`: from `start` (seconds) the rate is `rate` (calls
/// per second), reached by a jump or, with `ramp`, by a linear ramp from the
/// previous point.
public struct RateStep: Sendable, Hashable {
    /// When the rate is reached, in seconds.
    public var start: Double
    /// Calls per second from `start` on.
    public var rate: Double
    /// Whether the rate is reached by a linear ramp from the previous point (true)
    /// or by a jump at `start` (false).
    public var ramp: Bool

    public init(start: Double, rate: Double, ramp: Bool = false) {
        self.start = start
        self.rate = rate
        self.ramp = ramp
    }
}
