import Testing
@testable import Dispatcher

@Suite("Failover and call load")
struct CallLoadAndFailoverTests {
    var rng = SplitMix64(seed: 5)

    @Test("a failed attempt moves to the next candidate, and the call's load moves with it")
    mutating func failoverMovesLoad() throws {
        var core = try makeCore(gateways(3))  // index gw3, gw2, gw1
        var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial, callID: "c1"), now: .zero, using: &rng))
        core.attemptStarted(&s, call: CallKey(callID: "c1"), now: .zero)
        let gw3 = s.primary
        #expect(core.activeCalls(on: gw3) == 1)
        guard case .failover(let next) = core.attemptFailed(&s, call: CallKey(callID: "c1"), outcome: .timeout, now: at(4)) else {
            Issue.record("expected a failover")
            return
        }
        #expect(core.name(of: next) == "gw2")
        core.attemptStarted(&s, call: CallKey(callID: "c1"), now: at(4))
        #expect(core.activeCalls(on: gw3) == 0)
        #expect(core.activeCalls(on: next) == 1)
        core.callAnswered(call: CallKey(callID: "c1"), on: next, now: at(5))
        core.callEnded(call: CallKey(callID: "c1"), now: at(60))
        #expect(core.activeCalls(on: next) == 0)
        #expect(core.trackedCalls == 0)
        #expect(core.counters(of: gw3).failedOverFrom == 1)
        #expect(core.counters(of: gw3).timedOut == 1)
        #expect(core.counters(of: next).answered == 1)
        #expect(core.counters(of: gw3).selected == 1 && core.counters(of: next).selected == 0)
    }

    @Test("max_attempts bounds the attempts; codes outside the failover set end the call")
    mutating func maxAttempts() throws {
        var core = try makeCore(gateways(3)) { $0.failover.maxAttempts = 2; $0.failover.codes = [503] }
        var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial, callID: "c"), now: .zero, using: &rng))
        core.attemptStarted(&s, call: CallKey(callID: "c"), now: .zero)
        #expect(core.attemptFailed(&s, call: CallKey(callID: "c"), outcome: .reply(code: 503), now: .zero) == .failover(to: s.candidates[1]))
        core.attemptStarted(&s, call: CallKey(callID: "c"), now: .zero)
        #expect(core.attemptFailed(&s, call: CallKey(callID: "c"), outcome: .reply(code: 503), now: .zero) == .giveUp)
        #expect(core.trackedCalls == 0)
        var t = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial, callID: "d"), now: .zero, using: &rng))
        core.attemptStarted(&t, call: CallKey(callID: "d"), now: .zero)
        #expect(core.attemptFailed(&t, call: CallKey(callID: "d"), outcome: .reply(code: 486), now: .zero) == .giveUp)
        #expect(core.counters(of: t.primary).rejected == 2)
    }

    @Test("the failover list is a snapshot unless re-evaluation is on")
    mutating func reevaluate() throws {
        for reevaluate in [false, true] {
            var core = try makeCore(gateways(3)) { $0.reevaluateOnFailover = reevaluate }
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial, callID: "c"), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(callID: "c"), now: .zero)
            try core.setState(.inactive, setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
            let next = core.attemptFailed(&s, call: CallKey(callID: "c"), outcome: .timeout, now: .zero)
            #expect(next == .failover(to: try #require(core.handle(named: reevaluate ? "gw1" : "gw2"))))
        }
    }

    @Test("limit caps the failover list, counting the selected entry")
    mutating func limit() throws {
        var core = try makeCore(gateways(5)) { $0.limit = 3 }
        let s = try #require(core.select(RouteRequest(setID: 1, algorithm: .roundRobin), now: .zero, using: &rng))
        #expect(s.candidates.count == 3)
        let t = try #require(core.select(RouteRequest(setID: 1, algorithm: .rendezvous, callID: "x", limit: 0), now: .zero, using: &rng))
        #expect(t.candidates.count == 5)
    }

    @Test("stale calls expire after ds_hash_initexpire / ds_hash_expire")
    func expiry() throws {
        var core = try makeCore(gateways(1)) { c in
            c.callInitExpire = .seconds(10)
            c.callExpire = .seconds(100)
            c.callCheckInterval = .seconds(5)
        }
        let gw = core.allDestinations[0]
        core.attemptStarted(call: CallKey(callID: "unanswered"), on: gw, now: .zero)
        core.attemptStarted(call: CallKey(callID: "answered"), on: gw, now: .zero)
        core.callAnswered(call: CallKey(callID: "answered"), on: gw, now: at(1))
        #expect(core.nextWakeUp == at(5))
        _ = core.tick(now: at(10))
        #expect(core.activeCalls(on: gw) == 1)
        _ = core.tick(now: at(100))
        #expect(core.activeCalls(on: gw) == 0)
        #expect(core.nextWakeUp == nil)
    }

    @Test("a call started on a destination that is then removed still releases its load")
    mutating func removedWhileCalling() throws {
        var core = try makeCore(gateways(2))
        let gw1 = try #require(core.handle(named: "gw1"))
        core.attemptStarted(call: CallKey(callID: "c"), on: gw1, now: .zero)
        try core.remove(setID: 1, id: "sip:gw1.example.net:5061", now: .zero, using: &rng)
        #expect(core.isRemoved(gw1))
        #expect(core.members(ofSet: 1).count == 1)
        core.callEnded(call: CallKey(callID: "c"), now: at(1))
        #expect(core.activeCalls(on: gw1) == 0)
    }
}

@Suite("Admin: list, set_state, reload, add, remove")
struct AdminTests {
    var rng = SplitMix64(seed: 6)

    @Test("reload keeps the state, load and counters of destinations whose key stays")
    mutating func reloadKeepsState() throws {
        var core = try makeCore(gateways(3))
        let gw2 = try #require(core.handle(named: "gw2"))
        core.attemptStarted(call: CallKey(callID: "c"), on: gw2, now: .zero)
        try core.setState([.inactive, .probing], setID: 1, id: "sip:gw2.example.net:5062", now: .zero)
        var next = gateways(3)
        next.entries.remove(at: 0)  // gw1 leaves
        next.entries.append(DestinationSpec(setID: 1, uri: "sip:gw9.example.net"))
        try core.reload(next, now: at(1), using: &rng)
        #expect(core.handle(named: "gw2") == gw2)
        #expect(core.state(of: gw2) == [.inactive, .probing])
        #expect(core.activeCalls(on: gw2) == 1)
        #expect(core.counters(of: gw2).attempts == 1)
        #expect(core.members(ofSet: 1).map { core.name(of: $0) } == ["gw9", "gw3", "gw2"])
    }

    @Test("a reload that changes an entry's file flags applies them, and says so")
    mutating func reloadFlags() throws {
        var core = try makeCore(gateways(2))
        var next = gateways(2)
        next.entries[1].flags = .disabled
        try core.reload(next, now: at(1), using: &rng)
        #expect(core.state(of: try #require(core.handle(named: "gw2"))) == .disabled)
        #expect(core.takeStateChanges().map(\.cause) == [.reload])
    }

    @Test("a list naming one destination twice is refused and the old list stays")
    mutating func badReload() throws {
        var core = try makeCore(gateways(2))
        var bad = gateways(2)
        bad.entries.append(DestinationSpec(setID: 1, uri: "sip:gw1.example.net:5061", location: SourceLocation(file: "new.list", line: 3, column: 1)))
        #expect(throws: ListError.self) { try core.reload(bad, now: .zero, using: &rng) }
        do {
            try core.reload(bad, now: .zero, using: &rng)
        } catch {
            #expect(error.description.hasPrefix("new.list:3:1: error: expected a unique destination"))
        }
        #expect(core.members(ofSet: 1).count == 2)
    }

    @Test("duids keep same-URI entries apart, and set_state finds them by duid")
    func duid() throws {
        var list = gateways(1)
        var twin = list.entries[0]
        list.entries[0].attributes.duid = "a"
        twin.attributes.duid = "b"
        list.entries.append(twin)
        var core = try makeCore(list)
        try core.setState(.inactive, setID: 1, id: "b", now: .zero)
        #expect(core.status().map { "\($0.key.id)=\($0.flags)" } == ["b=IX", "a=AX"])
    }

    @Test("add refuses a duplicate; remove refuses an unknown destination")
    mutating func addRemove() throws {
        var core = try makeCore(gateways(2))
        try core.add(DestinationSpec(setID: 2, uri: "sip:backup.example.net"), now: .zero, using: &rng)
        #expect(core.setIDs == [1, 2])
        #expect(throws: AdminError.self) { try core.add(DestinationSpec(setID: 2, uri: "sip:backup.example.net"), now: .zero, using: &rng) }
        #expect(throws: AdminError.self) { try core.remove(setID: 1, id: "sip:nope", now: .zero, using: &rng) }
        #expect(throws: AdminError.self) { try core.setState(.inactive, setID: 7, id: nil, now: .zero) }
    }
}
