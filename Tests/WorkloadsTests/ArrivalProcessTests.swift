import Testing
import Workloads

@Suite("Arrival processes")
struct ArrivalProcessTests {
    /// Arrival times in `[0, horizon)` from a fresh generator on the given stream.
    func arrivals(_ process: ArrivalProcess, horizon: Double, replication: Int = 0, seed: UInt64 = 17) throws -> [Double] {
        var generator = try ArrivalGenerator(process)
        var rng = RandomStream(seed: seed, replication: replication, purpose: .arrivals)
        var times: [Double] = []
        while let t = generator.next(using: &rng), t < horizon {
            times.append(t)
        }
        return times
    }

    @Test("Poisson counts in windows of length T have mean ≈ variance ≈ rate·T")
    func poissonCounts() throws {
        let rate = 5.0
        let window = 10.0
        let windows = 4000
        let times = try self.arrivals(.poisson(rate: rate), horizon: window * Double(windows))
        var counts = [Double](repeating: 0, count: windows)
        for t in times { counts[Int(t / window)] += 1 }
        let mean = counts.reduce(0, +) / Double(windows)
        let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(windows - 1)
        let expected = rate * window
        // Standard errors: √(λT/n) for the mean, λT·√(2/(n−1)) for the variance.
        #expect(close(mean, expected, within: 5 * (expected / Double(windows)).squareRoot()))
        #expect(close(variance, expected, within: 5 * expected * (2.0 / Double(windows - 1)).squareRoot()))
    }

    @Test("Arrival times increase, and the same stream gives the same times")
    func determinism() throws {
        let a = try self.arrivals(.poisson(rate: 20), horizon: 100)
        let b = try self.arrivals(.poisson(rate: 20), horizon: 100)
        let c = try self.arrivals(.poisson(rate: 20), horizon: 100, replication: 1)
        #expect(a == b)
        #expect(a != c)
        #expect(zip(a, a.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// 10/s from 0 s; from 100 s a linear ramp reaching 30/s at 200 s; 30/s until a
    /// jump to 5/s at 300 s; nothing from 400 s.
    static func busyHour() throws -> RateProfile {
        try RateProfile([
            RateStep(start: 0, rate: 10),
            RateStep(start: 100, rate: 10),
            RateStep(start: 200, rate: 30, ramp: true),
            RateStep(start: 300, rate: 5),
            RateStep(start: 400, rate: 0),
        ])
    }

    @Test("A profile's rate and integral follow its definition (jumps, ramps, zero tail)")
    func profileDefinition() throws {
        let profile = try Self.busyHour()
        #expect(profile.rate(at: 50) == 10)
        #expect(profile.rate(at: 100) == 10)
        #expect(profile.rate(at: 150) == 20)   // halfway up the ramp from 10 to 30
        #expect(profile.rate(at: 250) == 30)
        #expect(profile.rate(at: 299.999) == 30)
        #expect(profile.rate(at: 300) == 5)   // a jump
        #expect(profile.rate(at: 1000) == 0)
        // By hand: 10·100 + (10+30)/2·100 + 30·100 + 5·100 = 6500.
        #expect(close(profile.integral(from: 0, to: 500), 6500, within: 1e-9))
        #expect(close(profile.integral(from: 100, to: 150), 750, within: 1e-9))
        #expect(close(ArrivalProcess.profile(profile).expectedCount(from: 0, to: 400), 6500, within: 1e-9))
    }

    @Test("A first step with a ramp climbs from 0 at time 0")
    func rampFromZero() throws {
        let profile = try RateProfile([RateStep(start: 100, rate: 20, ramp: true)])
        #expect(profile.rate(at: 50) == 10)
        #expect(close(profile.integral(from: 0, to: 200), 1000 + 2000, within: 1e-9))
        let delayed = try RateProfile([RateStep(start: 100, rate: 20)])
        #expect(delayed.rate(at: 99) == 0)
        #expect(close(delayed.integral(from: 0, to: 200), 2000, within: 1e-9))
    }

    @Test("Profile thinning produces the integrated rate in each part of the profile")
    func profileThinning() throws {
        let profile = try Self.busyHour()
        let replications = 200
        // Expected counts per bin, integrated by hand.
        let bins: [(from: Double, to: Double, expected: Double)] = [
            (0, 100, 1000), (100, 150, 750), (150, 200, 1250), (200, 300, 3000), (300, 400, 500), (400, 1000, 0),
        ]
        var counts = [Double](repeating: 0, count: bins.count)
        for r in 0..<replications {
            for t in try self.arrivals(.profile(profile), horizon: 1000, replication: r) {
                if let i = bins.firstIndex(where: { t >= $0.from && t < $0.to }) { counts[i] += 1 }
            }
        }
        for (bin, count) in zip(bins, counts) {
            let mean = count / Double(replications)
            #expect(close(mean, bin.expected, within: 5 * (bin.expected / Double(replications)).squareRoot()),
                    "[\(bin.from), \(bin.to)): \(mean) per run, expected \(bin.expected)")
        }
    }

    @Test("A profile ending at rate 0 runs out of arrivals")
    func profileEnds() throws {
        var generator = try ArrivalGenerator(.profile(Self.busyHour()))
        var rng = RandomStream(seed: 1)
        var last = 0.0
        while let t = generator.next(using: &rng) { last = t }
        #expect(last < 400)
    }

    @Test("MMPP long-run rate is the time-weighted mean of its two rates")
    func mmppLongRunRate() throws {
        let mmpp = try MMPP(rate1: 50, rate2: 5, meanSojourn1: 1, meanSojourn2: 3)
        let weighted: Double = (50 * 1 + 5 * 3) / 4
        #expect(mmpp.longRunRate == weighted)
        let horizon = 40_000.0
        let count = Double(try self.arrivals(.mmpp(mmpp), horizon: horizon).count)
        // Asymptotic count variance per unit time for a two-state MMPP:
        // λ̄ + 2·π1·π2·(λ1 − λ2)² / (q1 + q2), with switching rates q = 1/m.
        let (p1, p2) = (0.25, 0.75)
        let rateGap = mmpp.rate1 - mmpp.rate2
        let switching = 1 / mmpp.meanSojourn1 + 1 / mmpp.meanSojourn2
        let varianceRate: Double = mmpp.longRunRate + 2 * p1 * p2 * rateGap * rateGap / switching
        let expected = mmpp.longRunRate * horizon
        let tolerance = 5 * (varianceRate * horizon).squareRoot()
        #expect(close(count, expected, within: tolerance))
    }

    @Test("MMPP arrivals are burstier than Poisson (index of dispersion above 1)")
    func mmppIsBursty() throws {
        let mmpp = try MMPP(rate1: 50, rate2: 5, meanSojourn1: 1, meanSojourn2: 3)
        let times = try self.arrivals(.mmpp(mmpp), horizon: 20_000)
        var counts = [Double](repeating: 0, count: 2000)
        for t in times { counts[Int(t / 10)] += 1 }
        let mean = counts.reduce(0, +) / Double(counts.count)
        let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(counts.count - 1)
        #expect(variance / mean > 5)
    }

    @Test("Invalid processes are refused")
    func validation() {
        #expect(failure { try ArrivalGenerator(.poisson(rate: -1)) }?.message.contains("arrival rate") == true)
        #expect(failure { try RateProfile([]) } != nil)
        #expect(failure { try RateProfile([RateStep(start: 10, rate: 1), RateStep(start: 5, rate: 2)]) }?.message.contains("step 2") == true)
        #expect(failure { try RateProfile([RateStep(start: 0, rate: -3)]) }?.message.contains("non-negative rate") == true)
        #expect(failure { try MMPP(rate1: 1, rate2: 1, meanSojourn1: 0, meanSojourn2: 1) }?.message.contains("sojourn 1") == true)
        #expect(failure { try ArrivalGenerator(.trace([TraceCall(start: -1, duration: 3)])) } != nil)
    }

    @Test("A zero-rate Poisson process has no arrivals")
    func zeroRate() throws {
        var generator = try ArrivalGenerator(.poisson(rate: 0))
        var rng = RandomStream(seed: 1)
        #expect(generator.next(using: &rng) == nil)
    }
}
