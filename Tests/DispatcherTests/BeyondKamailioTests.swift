import Testing
@testable import Dispatcher

@Suite("Policies beyond Kamailio")
struct BeyondKamailioTests {
    var rng = SplitMix64(seed: 3)

    @Test("rendezvous shares follow the weights")
    func rendezvousShares() throws {
        var core = try makeCore(gateways(4, weights: [40, 30, 20, 10]))
        let counts = core.spread(.rendezvous, n: 40_000)
        for (name, target) in [("gw1", 0.4), ("gw2", 0.3), ("gw3", 0.2), ("gw4", 0.1)] {
            #expect(abs(Double(counts[name] ?? 0) / 40_000 - target) < 0.015, "\(name): \(counts[name] ?? 0)")
        }
    }

    @Test("rendezvous moves only a dead destination's calls, spread by weight")
    mutating func rendezvousFailover() throws {
        var core = try makeCore(gateways(4, weights: [40, 30, 20, 10]))
        let keys = (0..<30_000).map { "k\($0)@host" }
        func primaries(_ core: inout Dispatcher, _ rng: inout SplitMix64) throws -> [String] {
            try keys.map { k in
                core.name(of: try #require(core.select(RouteRequest(setID: 1, algorithm: .rendezvous, callID: k), now: .zero, using: &rng)).primary)
            }
        }
        let before = try primaries(&core, &rng)
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        let after = try primaries(&core, &rng)
        var moved: [String: Int] = [:]
        for (b, a) in zip(before, after) {
            if b == "gw2" { moved[a, default: 0] += 1 } else { #expect(a == b) }
        }
        // gw2's calls go to gw1, gw3, gw4 in proportion 40:20:10.
        let total = Double(moved.values.reduce(0, +))
        #expect(moved["gw2"] == nil)
        #expect(abs(Double(moved["gw1"] ?? 0) / total - 4.0 / 7) < 0.03)
        #expect(abs(Double(moved["gw3"] ?? 0) / total - 2.0 / 7) < 0.03)
        #expect(abs(Double(moved["gw4"] ?? 0) / total - 1.0 / 7) < 0.03)
        // The failover order is the score order: the second candidate is where the call would move.
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .rendezvous, callID: "k1@host"), now: .zero, using: &rng))
        #expect(Set(core.names(s)) == ["gw1", "gw3", "gw4"])
    }

    @Test("weight-live gives exact shares and spreads a dead destination's weight over the rest")
    func weightLive() throws {
        var core = try makeCore(gateways(3, weights: [50, 30, 20]))
        #expect(core.spread(.weightLive, n: 100) == ["gw1": 50, "gw2": 30, "gw3": 20])
        try core.setState(.inactive, setID: 1, id: "sip:gw1.example.net:5061", now: .zero)
        #expect(core.spread(.weightLive, n: 100) == ["gw2": 60, "gw3": 40])
    }

    @Test("power of two choices sends the call to the less loaded of two")
    mutating func powerOfTwo() throws {
        var core = try makeCore(gateways(2))
        // Load gw1 with 3 calls: with only two members both are always drawn.
        for i in 0..<3 { core.attemptStarted(call: CallKey(callID: "busy\(i)"), on: try #require(core.handle(named: "gw1")), now: .zero) }
        for i in 0..<3 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .powerOfTwo, callID: "n\(i)"), now: .zero, using: &rng))
            #expect(core.names(s) == ["gw2", "gw1"])
            core.attemptStarted(&s, call: CallKey(callID: "n\(i)"), now: .zero)
        }
        // Now 3 and 3: the tie goes to the first drawn, so both get chosen over many draws.
        var big = try makeCore(gateways(5))
        let counts = big.spread(.powerOfTwo, n: 5000)
        #expect(counts.count == 5)
    }

    @Test("least utilisation fills destinations in proportion to capacity")
    mutating func leastUtilisation() throws {
        var core = try makeCore(gateways(2) { i in var a = DestinationAttributes(); a.capacity = i == 1 ? 100 : 50; return a })
        for i in 0..<90 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .leastUtilisation, callID: "c\(i)"), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(callID: "c\(i)"), now: .zero)
        }
        #expect(core.activeCalls(on: try #require(core.handle(named: "gw1"))) == 60)
        #expect(core.activeCalls(on: try #require(core.handle(named: "gw2"))) == 30)
    }

    @Test("slow start ramps a recovered destination's share up over the configured time")
    mutating func slowStart() throws {
        var core = try makeCore(gateways(2, weights: [50, 50])) { $0.slowStart = .seconds(100) }
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        try core.setState([], setID: 1, id: "sip:gw2.example.net:5062", now: Instant(nanoseconds: 0))
        func share(at t: Double) throws -> Double {
            var n = 0
            for _ in 0..<1000 {
                let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .weightLive), now: .zero + .seconds(t), using: &rng))
                if core.name(of: s.primary) == "gw2" { n += 1 }
            }
            return Double(n) / 1000
        }
        let early = try share(at: 20)   // ramp 0.2: 10 / (50 + 10)
        let late = try share(at: 200)   // fully back: 50 / 100
        #expect(abs(early - 10.0 / 60) < 0.02)
        #expect(abs(late - 0.5) < 0.02)
    }

    @Test("panic threshold routes over every enabled destination when too few are up")
    mutating func panic() throws {
        var core = try makeCore(gateways(3)) { $0.panicThreshold = 0.5 }
        try core.setState(.inactive, setID: 1, id: "sip:gw1.example.net:5061", now: .zero)
        // 2 of 3 up: no panic, gw1 skipped.
        #expect(core.spread(.roundRobin, n: 30)["gw1"] == nil)
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        // 1 of 3 up (< 50%): every enabled destination takes calls again.
        #expect(core.spread(.roundRobin, n: 30) == ["gw1": 10, "gw2": 10, "gw3": 10])
        try core.setState(.disabled, setID: 1, id: "sip:gw1.example.net:5061", now: .zero)
        // Disabled stays out even in panic; 1 of 2 enabled up is not below 50%.
        #expect(core.spread(.roundRobin, n: 30) == ["gw3": 30])
        var strict = try makeCore(gateways(3))
        try strict.setState(.inactive, setID: 1, id: nil, now: .zero)
        #expect(strict.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng) == nil)
    }
}

@Suite("Panic threshold under overload")
struct PanicTests {
    var rng = SplitMix64(seed: 4)

    /// Three gateways, mark `ip` on a timeout (Kamailio's usual failure route).
    func overloaded(panic: Double) throws -> Dispatcher {
        try makeCore(gateways(3)) { c in
            c.markOnFailure = [.inactive, .probing]
            c.panicThreshold = panic
        }
    }

    /// Times out one call on each gateway in turn, as lost datagrams do under overload.
    mutating func timeOutOnEach(_ core: inout Dispatcher) throws {
        for i in 0..<3 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin, callID: "c\(i)"), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(UInt64(i)), now: .zero)
            _ = core.attemptFailed(&s, call: CallKey(UInt64(i)), outcome: .timeout, now: .zero)
        }
    }

    @Test("without it, a few timeouts mark every healthy gateway down and calls are refused")
    mutating func cliff() throws {
        var core = try overloaded(panic: 0)
        try self.timeOutOnEach(&core)
        #expect(core.status().allSatisfy { $0.flags.isSkipped })
        #expect(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng) == nil)
    }

    @Test("with it, failures cannot take the set below the threshold, and calls keep flowing")
    mutating func guarded() throws {
        var core = try overloaded(panic: 0.5)
        try self.timeOutOnEach(&core)
        // 3 up: one may go (2 of 3 ≥ 50%), the second may not (1 of 3 < 50%).
        #expect(core.status().filter { $0.flags.isSkipped }.count == 1)
        #expect(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng) != nil)
    }

    @Test("in panic mode a failed attempt is not retried elsewhere")
    mutating func noRetryInPanic() throws {
        var core = try makeCore(gateways(3)) { $0.panicThreshold = 0.5 }
        try core.setState(.inactive, setID: 1, id: "sip:gw1.example.net:5061", now: .zero)
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng))
        #expect(s.panicked && s.candidates.count == 3)
        core.attemptStarted(&s, call: CallKey(1), now: .zero)
        #expect(core.attemptFailed(&s, call: CallKey(1), outcome: .timeout, now: .zero) == .giveUp)
    }
}

@Suite("Admission control (max pending)")
struct MaxPendingTests {
    @Test("a destination at its pending cap takes no new call; when all are, the call is refused at once")
    func cap() throws {
        var rng = SplitMix64(seed: 5)
        var core = try makeCore(gateways(2)) { $0.maxPending = 2 }
        var selections: [Selection] = []
        for i in 0..<4 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(UInt64(i)), now: .zero)
            selections.append(s)
        }
        #expect(core.allDestinations.map { core.pendingAttempts(on: $0) } == [2, 2])
        #expect(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng) == nil)
        // An answer and a failure free two places.
        core.callAnswered(call: CallKey(0), on: selections[0].primary, now: .zero)
        _ = core.attemptFailed(&selections[1], call: CallKey(1), outcome: .reply(code: 486), now: .zero)
        #expect(core.allDestinations.map { core.pendingAttempts(on: $0) }.reduce(0, +) == 2)
        #expect(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng) != nil)
    }
}
