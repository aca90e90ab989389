import Testing
@testable import Dispatcher

/// Kamailio 5.6 selection semantics; expected values come from the module's
/// source and from measurements on 5.6.3 (shared/reference/kamailio-dispatcher.md).
@Suite("Kamailio algorithms 0-13")
struct KamailioAlgorithmTests {
    var rng = SplitMix64(seed: 1)

    @Test("index order is priority descending, equal priorities in reverse file order")
    func indexOrder() throws {
        // File order a(p5) b(p10) c(p10) d(p1) gives c, b, a, d on 5.6.3.
        let core = try makeCore(gateways(4, priorities: [5, 10, 10, 1]))
        #expect(core.members(ofSet: 1).map { core.name(of: $0) } == ["gw3", "gw2", "gw1", "gw4"])
    }

    @Test("algorithm 0 takes hash mod N and builds the wrap-around failover list")
    mutating func callIDHash() throws {
        var core = try makeCore(gateways(4))  // index order gw4, gw3, gw2, gw1
        // "abc" hashes to 7167810; mod 4 = 2, index 2 is gw2.
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashCallID, callID: "abc"), now: .zero, using: &rng))
        #expect(core.names(s) == ["gw2", "gw1", "gw4", "gw3"])
        // 1823044215 mod 4 = 3: the last index, then the wrap-around.
        let t = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashCallID, callID: "callid-0001@10.0.0.1", limit: 2), now: .zero, using: &rng))
        #expect(core.names(t) == ["gw1", "gw4"])
    }

    @Test("a dead destination's hash share lands on its next index (#2361)")
    func hashNeighbour() throws {
        var core = try makeCore(gateways(4))
        try core.setState(.inactive, setID: 1, id: "sip:gw3.example.net:5063", now: .zero)
        var rng = SplitMix64(seed: 2)
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashCallID, callID: "abcd"), now: .zero, using: &rng))
        // 1834959896 mod 4 = 0: gw4, still up.
        #expect(core.name(of: s.primary) == "gw4")
        let counts = core.spread(.hashCallID, n: 8000)
        #expect(counts["gw3"] == nil)
        // gw2 (index 2) now takes index 1's share as well: about twice the others.
        let gw2 = Double(counts["gw2"] ?? 0)
        #expect(gw2 > 1.7 * Double(counts["gw1"] ?? 0) && gw2 > 1.7 * Double(counts["gw4"] ?? 0))
    }

    @Test("hashes over Call-ID, From, To and R-URI spread evenly", arguments: [Algorithm.hashCallID, .hashFrom, .hashTo, .hashRURI])
    func hashSpread(_ alg: Algorithm) throws {
        var core = try makeCore(gateways(4))
        let counts = core.spread(alg, n: 20_000)
        for name in ["gw1", "gw2", "gw3", "gw4"] {
            let share = Double(counts[name] ?? 0) / 20_000
            #expect(abs(share - 0.25) < 0.05, "\(alg) gave \(name) \(share)")
        }
    }

    @Test("algorithm 1 hashes user and host, so one caller always lands on one gateway")
    mutating func fromHash() throws {
        var core = try makeCore(gateways(4))
        let expected = Int(KamailioHash.hash("alice", "example.com") % 4)
        let names = core.members(ofSet: 1).map { core.name(of: $0) }
        for tag in ["1", "2", "3"] {
            let r = RouteRequest(setID: 1, algorithm: .hashFrom, callID: "c\(tag)", fromURI: "<sip:alice@example.com>;tag=\(tag)")
            let s = try #require(core.select(r, now: .zero, using: &rng))
            #expect(core.name(of: s.primary) == names[expected])
        }
    }

    @Test("round-robin rotates in index order and skips a dead member without doubling a neighbour")
    mutating func roundRobin() throws {
        var core = try makeCore(gateways(4))
        var seen: [String] = []
        for _ in 0..<8 {
            let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng))
            seen.append(core.name(of: s.primary))
        }
        #expect(seen == ["gw4", "gw3", "gw2", "gw1", "gw4", "gw3", "gw2", "gw1"])
        try core.setState(.inactive, setID: 1, id: "sip:gw3.example.net:5063", now: .zero)
        let counts = core.spread(.roundRobin, n: 300)
        #expect(counts == ["gw4": 100, "gw2": 100, "gw1": 100])
    }

    @Test("algorithm 5 hashes the auth user and falls back to round-robin without one")
    mutating func authHash() throws {
        var core = try makeCore(gateways(4))
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashAuth, authUser: "abc"), now: .zero, using: &rng))
        #expect(core.name(of: s.primary) == "gw2")
        let first = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashAuth), now: .zero, using: &rng))
        let second = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng))
        #expect(core.names(first).first == "gw4")
        #expect(core.names(second).first == "gw3")
    }

    @Test("algorithm 7 hashes the given key and fails without one")
    mutating func keyHash() throws {
        var core = try makeCore(gateways(4))
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashKey, hashKey: " abc "), now: .zero, using: &rng))
        #expect(core.name(of: s.primary) == "gw2")
        #expect(core.select(RouteRequest(setID: 1, algorithm: .hashKey), now: .zero, using: &rng) == nil)
    }

    @Test("random spreads evenly over the members")
    func random() throws {
        var core = try makeCore(gateways(4))
        let counts = core.spread(.random, n: 20_000)
        // Chi-square with 3 degrees of freedom: 16.27 is the 0.1% critical value.
        let chi2 = counts.values.reduce(0.0) { $0 + pow2(Double($1) - 5000) / 5000 }
        #expect(chi2 < 16.27)
    }

    @Test("serial takes the highest priority first and fails over in index order")
    mutating func serial() throws {
        var core = try makeCore(gateways(4, priorities: [5, 10, 10, 1]))
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial), now: .zero, using: &rng))
        #expect(core.names(s) == ["gw3", "gw2", "gw1", "gw4"])
        try core.setState(.inactive, setID: 1, id: "sip:gw3.example.net:5063", now: .zero)
        let t = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial), now: .zero, using: &rng))
        #expect(core.names(t) == ["gw2", "gw1", "gw4"])
    }

    @Test("weight fills a 100-slot table; the shortfall goes to the first file line (55/30/10/5)")
    func weight() throws {
        var core = try makeCore(gateways(4, weights: [50, 30, 10, 5]))
        #expect(core.spread(.weight, n: 100) == ["gw1": 55, "gw2": 30, "gw3": 10, "gw4": 5])
        // The table is not rebuilt on failure: gw2's slots fall to its next index, gw1 (85%).
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        #expect(core.spread(.weight, n: 100) == ["gw1": 85, "gw3": 10, "gw4": 5])
    }

    @Test("relative weight rebalances over active entries (1/2/1 gives 25/50/25, then 50/50)")
    func relativeWeight() throws {
        var core = try makeCore(DestinationList(entries: gateways(3).entries.enumerated().map { i, e in
            var e = e
            e.attributes.rweight = [1, 2, 1][i]
            return e
        }))
        #expect(core.spread(.relativeWeight, n: 100) == ["gw1": 25, "gw2": 50, "gw3": 25])
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        #expect(core.spread(.relativeWeight, n: 100) == ["gw1": 50, "gw3": 50])
    }

    @Test("call load picks the fewest active calls, respects maxload and refuses when all are full")
    mutating func callLoad() throws {
        var core = try makeCore(gateways(3) { _ in var a = DestinationAttributes(); a.maxload = 2; return a })
        var order: [String] = []
        for i in 0..<6 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .callLoad, callID: "c\(i)"), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(callID: "c\(i)"), now: .zero)
            order.append(core.name(of: s.primary))
        }
        #expect(order == ["gw3", "gw2", "gw1", "gw3", "gw2", "gw1"])
        #expect(core.select(RouteRequest(setID: 1, algorithm: .callLoad, callID: "c6"), now: .zero, using: &rng) == nil)
        core.callEnded(call: CallKey(callID: "c4"), now: .zero)  // frees a channel on gw2
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .callLoad, callID: "c7"), now: .zero, using: &rng))
        #expect(core.names(s) == ["gw2"])  // full entries are left out of the failover list too
    }

    @Test("parallel forks to the first active entry and every later index")
    mutating func parallel() throws {
        var core = try makeCore(gateways(4))
        try core.setState(.inactive, setID: 1, id: "sip:gw4.example.net:5064", now: .zero)
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .parallel), now: .zero, using: &rng))
        #expect(s.isParallel)
        #expect(core.names(s) == ["gw3", "gw2", "gw1"])  // later entries' state is not checked
    }

    @Test("latency-optimised round-robin reproduces the module README's example")
    mutating func latency() throws {
        // Priority 30 everywhere; latencies 21/91/61/19/32/0/201 ms.
        let latencies = [21, 91, 61, 19, 32, 0, 201]
        var core = try makeCore(DestinationList(entries: latencies.enumerated().map { i, ms in
            var a = DestinationAttributes()
            a.latency = ms
            return DestinationSpec(setID: 1, uri: "sip:gw\(i + 1).example.net", priority: 30, attributes: a)
        }))
        let first = try #require(core.select(RouteRequest(setID: 1, algorithm: .latency), now: .zero, using: &rng))
        #expect(core.names(first) == ["gw6", "gw4", "gw1", "gw5", "gw3", "gw2", "gw7"])
        var picks: [String] = [core.name(of: first.primary)]
        for _ in 0..<5 {
            picks.append(core.name(of: try #require(core.select(RouteRequest(setID: 1, algorithm: .latency), now: .zero, using: &rng)).primary))
        }
        #expect(picks == ["gw6", "gw4", "gw1", "gw6", "gw4", "gw1"])
    }

    @Test("use_default keeps the last index as a fallback, appended last to the failover list")
    mutating func useDefault() throws {
        var core = try makeCore(gateways(3)) { $0.useDefault = true }  // index gw3, gw2, gw1 (default)
        #expect(core.spread(.roundRobin, n: 6) == ["gw3": 3, "gw2": 3])
        // "x" hashes to 119; mod (3-1) = 1: gw2, then gw3, then the default.
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashCallID, callID: "x"), now: .zero, using: &rng))
        #expect(core.names(s) == ["gw2", "gw3", "gw1"])
        try core.setState(.inactive, setID: 1, id: "sip:gw3.example.net:5063", now: .zero)
        try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        let t = try #require(core.select(RouteRequest(setID: 1, algorithm: .hashCallID, callID: "x"), now: .zero, using: &rng))
        #expect(core.names(t) == ["gw1"])
    }

    @Test("names, aliases and numbers all name algorithms")
    func names() {
        #expect(Algorithm("least-connections") == .callLoad)
        #expect(Algorithm("weighted") == .weight)
        #expect(Algorithm("4") == .roundRobin)
        #expect(Algorithm(" Hash-CallID ") == .hashCallID)
        #expect(Algorithm("14") == nil)
        for alg in Algorithm.allCases {
            #expect(Algorithm(alg.name) == alg)
            if let n = alg.kamailioNumber { #expect(Algorithm(String(n)) == alg) }
        }
    }
}

func pow2(_ x: Double) -> Double { x * x }
