import Testing
@testable import Dispatcher

func at(_ s: Double) -> Instant { .zero + .seconds(s) }

/// Kamailio's `ds_update_state` transitions and keepalive handling, step by step.
@Suite("Health: states A/T/I/D, probing modes, marking, passive health")
struct HealthTests {
    /// One destination probed in mode 1 every second with a 500 ms timeout.
    func probed(_ configure: (inout DispatcherConfiguration) -> Void = { _ in }) throws -> (Dispatcher, DestinationHandle) {
        let core = try makeCore(gateways(1)) { c in
            c.pingInterval = .seconds(1)
            c.pingTimeout = .milliseconds(500)
            c.probingMode = .all
            c.probingThreshold = 2
            c.inactiveThreshold = 3
            configure(&c)
        }
        return (core, core.allDestinations[0])
    }

    /// Runs one ping round at `t` and answers it with `code` (nil: no answer).
    func round(_ core: inout Dispatcher, at t: Double, reply code: Int?) {
        let probes = core.tick(now: at(t))
        #expect(probes.count == 1)
        if let code, let p = probes.first { core.probeReplied(p, code: code, now: at(t + 0.01)) }
        _ = core.tick(now: at(t + 0.6))  // past the timeout: an unanswered probe fails
    }

    @Test("probe failures go A to T to I at the threshold; successes need the inactive threshold to return")
    func thresholds() throws {
        var (core, d) = try probed()
        #expect(core.nextWakeUp == at(1))
        #expect(core.tick(now: at(0.5)).isEmpty)
        round(&core, at: 1, reply: nil)
        #expect(core.state(of: d) == [.trying, .probing])
        round(&core, at: 2, reply: 503)
        #expect(core.state(of: d) == [.inactive, .probing])
        round(&core, at: 3, reply: 200)
        round(&core, at: 4, reply: 200)
        #expect(core.state(of: d) == [.inactive, .probing])  // 2 of 3 successes
        round(&core, at: 5, reply: 200)
        #expect(core.state(of: d) == [.probing])
        let changes = core.takeStateChanges()
        #expect(changes.map { "\($0.from.baseLetter)>\($0.to.baseLetter) \($0.cause)" }
            == ["A>T probe-timeout", "T>I probe-reply-503", "I>A probe-reply-200"])
        #expect(changes[1].isDown && changes[2].isUp)
        #expect(changes[0].time == at(1.6) && changes[2].time == at(5.01))
        #expect(core.takeStateChanges().isEmpty)
    }

    @Test("a success while trying resets the failure count")
    func tryingRecovers() throws {
        var (core, d) = try probed()
        round(&core, at: 1, reply: nil)
        round(&core, at: 2, reply: 200)
        #expect(core.state(of: d) == [.probing])
        round(&core, at: 3, reply: nil)
        #expect(core.state(of: d) == [.trying, .probing])  // count restarted at 1
    }

    @Test("a failure while inactive restarts the success streak")
    func inactiveFailure() throws {
        var (core, d) = try probed()
        round(&core, at: 1, reply: nil)
        round(&core, at: 2, reply: nil)
        round(&core, at: 3, reply: 200)
        round(&core, at: 4, reply: 200)
        round(&core, at: 5, reply: 500)
        round(&core, at: 6, reply: 200)
        round(&core, at: 7, reply: 200)
        #expect(core.state(of: d) == [.inactive, .probing])
        round(&core, at: 8, reply: 200)
        #expect(core.state(of: d) == [.probing])
    }

    @Test("configured codes and classes count as up besides 2xx")
    func replyCodes() throws {
        var (core, d) = try probed { $0.pingReplyCodes = ReplyCodeSet(codes: [404], classes: [3]); $0.probingThreshold = 1 }
        round(&core, at: 1, reply: 404)
        round(&core, at: 2, reply: 302)
        round(&core, at: 3, reply: 299)
        #expect(core.state(of: d) == [.probing])
        round(&core, at: 4, reply: 403)
        #expect(core.state(of: d) == [.inactive, .probing])
    }

    @Test("mode 0 probes only P entries and a reply clears P")
    func modeFlagged() throws {
        var list = gateways(2)
        list.entries[0].flags = .probing
        var core = try makeCore(list) { $0.pingInterval = .seconds(1); $0.probingMode = .flagged }
        let probes = core.tick(now: at(1))
        #expect(probes.map { core.name(of: $0.destination) } == ["gw1"])
        core.probeReplied(probes[0], code: 200, now: at(1.1))
        #expect(core.state(of: probes[0].destination) == [])
        #expect(core.tick(now: at(2)).isEmpty)
    }

    @Test("mode 2 probes only inactive entries with P; mode 3 keeps P whatever the reply")
    func modesTwoAndThree() throws {
        var list = gateways(2)
        list.entries[0].flags = [.inactive, .probing]
        var two = try makeCore(list) { $0.pingInterval = .seconds(1); $0.probingMode = .inactiveOnly }
        let p2 = two.tick(now: at(1))
        #expect(p2.map { two.name(of: $0.destination) } == ["gw1"])
        two.probeReplied(p2[0], code: 200, now: at(1.1))
        #expect(two.state(of: p2[0].destination) == [])  // P cleared: back to relying on marking

        list.entries[0].flags = .probing
        var three = try makeCore(list) { $0.pingInterval = .seconds(1); $0.probingMode = .onlyFlagged }
        let p3 = three.tick(now: at(1))
        three.probeReplied(p3[0], code: 200, now: at(1.1))
        #expect(three.state(of: p3[0].destination) == .probing)
        let q3 = three.tick(now: at(2))
        three.probeReplied(q3[0], code: 500, now: at(2.1))
        #expect(three.state(of: q3[0].destination) == [.inactive, .probing])
    }

    @Test("disabled destinations are neither probed nor changed by late replies")
    func disabled() throws {
        var (core, d) = try probed()
        let probes = core.tick(now: at(1))
        try core.setState(.disabled, setID: 1, id: nil, now: at(1.1))
        core.probeReplied(probes[0], code: 500, now: at(1.2))
        #expect(core.state(of: d) == .disabled)
        #expect(core.tick(now: at(2)).isEmpty)
        #expect(core.takeStateChanges().map(\.cause) == [.admin])
    }

    @Test("a reply after the probe timed out is ignored")
    func lateReply() throws {
        var (core, d) = try probed { $0.probingThreshold = 1 }
        let probes = core.tick(now: at(1))
        _ = core.tick(now: at(1.5))
        #expect(core.state(of: d) == [.inactive, .probing])
        core.probeReplied(probes[0], code: 200, now: at(1.7))
        #expect(core.state(of: d) == [.inactive, .probing])
    }

    @Test("marking on failure: ip marks at once, tp counts to the threshold")
    mutating func marking() throws {
        var rng = SplitMix64(seed: 9)
        for (mark, expected) in [(StateFlags([.inactive, .probing]), ["I"]), ([.trying, .probing], ["T", "T", "I"])] {
            var core = try makeCore(gateways(2)) { c in
                c.markOnFailure = mark
                c.probingThreshold = 3
                c.failover.maxAttempts = 1
            }
            let gw = try #require(core.handle(named: "gw2"))
            var letters: [String] = []
            for i in 0..<expected.count {
                var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial, callID: "c\(i)"), now: .zero, using: &rng))
                #expect(s.primary == gw)
                core.attemptStarted(&s, call: CallKey(callID: "c\(i)"), now: at(Double(i)))
                #expect(core.attemptFailed(&s, call: CallKey(callID: "c\(i)"), outcome: .reply(code: 503), now: at(Double(i))) == .giveUp)
                letters.append(String(core.state(of: gw).baseLetter))
            }
            #expect(letters == expected)
            #expect(core.takeStateChanges().last?.cause == .callFailure(code: 503))
        }
    }

    @Test("passive health: consecutive failures eject, and without probes the destination is reinstated")
    mutating func passiveConsecutive() throws {
        var rng = SplitMix64(seed: 9)
        var core = try makeCore(gateways(2)) { c in
            c.passive.consecutiveFailures = 3
            c.passive.reinstateAfter = .seconds(30)
            c.failover.maxAttempts = 1
        }
        let gw = try #require(core.handle(named: "gw2"))
        for i in 0..<3 {
            var s = try #require(core.select(RouteRequest(setID: 1, algorithm: .serial), now: .zero, using: &rng))
            core.attemptStarted(&s, call: CallKey(callID: "c\(i)"), now: at(Double(i)))
            _ = core.attemptFailed(&s, call: CallKey(callID: "c\(i)"), outcome: .timeout, now: at(Double(i)))
        }
        #expect(core.state(of: gw) == [.inactive, .probing])
        #expect(core.takeStateChanges().map(\.cause) == [.consecutiveFailures(3)])
        #expect(core.nextWakeUp == at(32))
        _ = core.tick(now: at(31))
        #expect(core.state(of: gw).baseLetter == "I")
        _ = core.tick(now: at(32))
        #expect(core.state(of: gw) == [])
        #expect(core.takeStateChanges().map(\.cause) == [.reinstated])
    }

    @Test("passive health: an error ratio over the window ejects once enough attempts are seen")
    func passiveRatio() throws {
        var core = try makeCore(gateways(1)) { c in
            c.passive.errorRatio = 0.5
            c.passive.minimumAttempts = 10
            c.passive.window = .seconds(10)
        }
        let gw = core.allDestinations[0]
        // Alternate success and failure: the ratio reaches 50% at the 10th attempt.
        for i in 0..<10 {
            let t = at(Double(i) * 0.1)
            core.attemptStarted(call: CallKey(callID: "c\(i)"), on: gw, now: t)
            if i % 2 == 0 {
                core.callAnswered(call: CallKey(callID: "c\(i)"), on: gw, now: t)
            } else {
                core.branchFailed(gw, outcome: .reply(code: 503), now: t)
            }
            #expect(core.state(of: gw).isSkipped == (i == 9))
        }
        #expect(core.takeStateChanges().map(\.cause) == [.errorRatio(0.5)])
    }

    @Test("state letters parse as set_state accepts them")
    func letters() {
        #expect(StateFlags(letters: "ip") == [.inactive, .probing])
        #expect(StateFlags(letters: "a") == [])
        #expect(StateFlags(letters: "D") == .disabled)
        #expect(StateFlags(letters: "2") == .trying)
        #expect(StateFlags(letters: "ia") == nil)
        #expect(StateFlags(letters: "q") == nil)
        #expect(StateFlags([.inactive, .probing]).description == "IP")
        #expect(StateFlags([]).description == "AX")
    }
}
