import Dispatcher
import Foundation
import Testing
import Workloads

/// The scenario of the issue that introduced scenario files, verbatim.
private let issueExample = """
    name: one-of-three-down
    seed: 7
    duration: 2h            # simulated time
    warmup: 10m             # excluded from statistics
    replications: 10
    report_interval: 10s
    algorithms: [round-robin, weight, call-load, hash-callid, rendezvous]   # names or Kamailio numbers
    destinations:
      - {uri: "sip:gw1.example.net:5060", capacity: 100, weight: 50, answer_delay: {dist: lognormal, mean: 200ms, sd: 100ms}}
      - {uri: "sip:gw2.example.net:5060", capacity: 100, weight: 30}
      - {uri: "sip:gw3.example.net:5060", capacity: 50,  weight: 20}
    workload:
      arrivals: {process: poisson, rate: 2/s}
      holding: {dist: exponential, mean: 120s}
      callers: 10000
    dispatcher:
      probing: {mode: 1, interval: 10s, threshold: 3, inactive_threshold: 2, timeout: 2s}
      failover: {when: [timeout, 486, 503], max_attempts: 3, invite_timeout: 4s}
    faults:
      - {target: gw2, kind: down, at: 20m, for: 15m}
      - {target: gw1, kind: reject, code: 503, at: 1h, for: 5m}

    """

/// The repository root, found from this file's path so the tests read the
/// scenarios that ship, wherever the checkout is.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let scenariosDirectory = repositoryRoot.appendingPathComponent("scenarios")

/// The scenario with its destinations' declaration positions removed: the only
/// thing that may differ between a file and its expanded form.
private func withoutLocations(_ scenario: Scenario) -> Scenario {
    var copy = scenario
    for i in copy.destinations.indices { copy.destinations[i].spec.location = nil }
    return copy
}

/// The `ScenarioError` parsing `yaml` throws, or nil if it parses.
private func parseError(_ yaml: String, file: String = "bad.yaml", base: String = "") -> ScenarioError? {
    do {
        _ = try Scenario.parse(yaml: yaml, file: file, baseDirectory: base)
        return nil
    } catch {
        return error
    }
}

/// A directory of its own under the temporary directory, for files a scenario names.
private func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

@Suite("Scenario files")
struct ScenarioFileTests {
    @Test("The issue's example reads into the values it states, with the documented defaults")
    func issueExampleParses() throws {
        let s = try Scenario.parse(yaml: issueExample, file: "example.yaml", baseDirectory: "")
        #expect(s.name == "one-of-three-down")
        #expect(s.seed == 7)
        #expect(s.duration == .seconds(7200))
        #expect(s.warmup == .seconds(600))
        #expect(s.replications == 10)
        #expect(s.reportInterval == .seconds(10))
        #expect(s.algorithms == [.roundRobin, .weight, .callLoad, .hashCallID, .rendezvous])
        #expect(s.setID == 1)

        #expect(s.destinations.map(\.name) == ["gw1.example.net", "gw2.example.net", "gw3.example.net"])
        #expect(s.destinations.map(\.capacity) == [100, 100, 50])
        #expect(s.destinations.map(\.spec.attributes.weight) == [50, 30, 20])
        #expect(s.destinations.map(\.spec.attributes.capacity) == [100, 100, 50])
        #expect(s.destinations.map(\.spec.uri) == ["sip:gw1.example.net:5060", "sip:gw2.example.net:5060", "sip:gw3.example.net:5060"])
        #expect(s.destinations.allSatisfy { $0.spec.setID == 1 && $0.spec.priority == 0 && $0.spec.flags == [] })
        #expect(s.destinations[0].answerDelay == (try Distribution.lognormal(mean: 0.2, sd: 0.1)))
        #expect(s.destinations[1].answerDelay == .deterministic(0.1))
        #expect(s.destinations[2].callsPerSecond == nil)
        #expect(s.destinations[2].errorRatio == 0 && s.destinations[2].errorCode == 503)
        #expect(s.destinations[0].spec.attributes.body == "weight=50;capacity=100")

        #expect(s.workload == WorkloadModel(arrivals: .poisson(rate: 2), holding: .exponential(mean: 120), callers: 10_000))

        var expected = DispatcherConfiguration()
        expected.probingMode = .all
        expected.pingInterval = .seconds(10)
        expected.probingThreshold = 3
        expected.inactiveThreshold = 2
        expected.pingTimeout = .seconds(2)
        expected.failover.onTimeout = true
        expected.failover.codes = [486, 503]
        expected.failover.classes = []
        expected.failover.maxAttempts = 3
        expected.failover.inviteTimeout = .seconds(4)
        #expect(s.dispatcher == expected)

        #expect(s.faults == [
            Fault(target: 1, kind: .down, start: .seconds(1200), duration: .seconds(900)),
            Fault(target: 0, kind: .reject(code: 503), start: .seconds(3600), duration: .seconds(300)),
        ])
    }

    @Test("Every scenario in scenarios/ parses")
    func shippedScenariosParse() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        for expected in ["quickstart.yaml", "one-of-three-down.yaml", "flapping-gateway.yaml", "unequal-capacity-weights.yaml",
                         "hash-affinity-down.yaml", "busy-hour-overload.yaml", "retry-storm-recovery.yaml", "from-dispatcher-list.yaml"] {
            #expect(names.contains(expected), "missing scenarios/\(expected)")
        }
        for name in names {
            let path = scenariosDirectory.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            do {
                let scenario = try Scenario.parse(yaml: text, file: path, baseDirectory: scenariosDirectory.path)
                #expect(!scenario.algorithms.isEmpty)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("The list-file scenario takes set 1 of gateways.list, capacities from maxload")
    func listScenario() throws {
        let path = scenariosDirectory.appendingPathComponent("from-dispatcher-list.yaml").path
        let s = try Scenario.parse(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path, baseDirectory: scenariosDirectory.path)
        #expect(s.destinations.map(\.name) == ["gw1", "gw2", "gw3"])
        #expect(s.destinations.map(\.capacity) == [100, 100, 50])
        #expect(s.destinations.map(\.spec.priority) == [10, 10, 5])
        #expect(s.destinations[0].spec.location?.file.hasSuffix("gateways.list") == true)
        #expect(s.faults == [Fault(target: 1, kind: .rejectCalls(code: 503), start: .seconds(1200), duration: .seconds(600))])
    }

    @Test("parse → expand → parse → expand gives identical text and an equal scenario")
    func roundTrip() throws {
        var sources: [(String, String, String)] = [(issueExample, "example.yaml", "")]
        for name in try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory.path) where name.hasSuffix(".yaml") {
            let path = scenariosDirectory.appendingPathComponent(name).path
            sources.append((try String(contentsOfFile: path, encoding: .utf8), path, scenariosDirectory.path))
        }
        for (text, file, base) in sources {
            let first = try Scenario.parse(yaml: text, file: file, baseDirectory: base)
            let expanded = first.expandedYAML()
            let second = try Scenario.parse(yaml: expanded, file: "expanded.yaml", baseDirectory: "")
            #expect(second.expandedYAML() == expanded, "\(file)")
            #expect(withoutLocations(second) == withoutLocations(first), "\(file)")
        }
    }

    @Test("Durations, rates and distribution forms read as documented and survive expansion")
    func forms() throws {
        let yaml = """
            duration: 1h30m
            warmup: 1.5m
            report_interval: 250ms
            algorithms: [9, least-connections, p2c]
            set: 2
            destination_defaults: {answer_delay: 150ms, cps: 20, error_ratio: 0.01, error_code: 480}
            destinations:
              - {id: a, uri: "gw-a.example.net", capacity: 10, priority: 5, flags: 8, duid: A1, latency: 20ms, cc: true, attrs: {region: eu}, setid: 2}
              - {uri: "sips:b@[2001:db8::1]:5061;transport=tls", capacity: 5, cps: 120/m, answer_delay: {dist: gamma, mean: 2s, cv: 0.5}}
            workload:
              arrivals:
                process: profile
                steps:
                  - {at: 0, rate: 0}
                  - {at: 10m, rate: 600/h, ramp: true}
              holding: {dist: empirical, values: [30s, 1m, 0]}
              callers: 7
            dispatcher:
              probing: {mode: inactive-only, reply_codes: "code=404;class=3", latency_stats: yes}
              failover: {when: [5xx, timeout, 486], mark: ip, reevaluate: true}
              passive: {consecutive_failures: 4, error_ratio: 0.25}
              limit: 2
              slow_start: 1m
              panic_threshold: 0.5
            faults:
              - {target: A1, kind: slow, extra: 1.5s, at: 5m, for: 1m}
              - {target: "2001:db8::1", kind: flapping, period: 30s, at: 20m}
              - {target: a, kind: capacity, channels: 0, at: 1h}
              - {target: "[2001:db8::1]", kind: probe-loss, at: 0s, for: 90s}
            """
        let s = try Scenario.parse(yaml: yaml, file: "forms.yaml", baseDirectory: "")
        #expect(s.name == "forms")
        #expect(s.duration == .seconds(5400) && s.warmup == .seconds(90) && s.reportInterval == .milliseconds(250))
        #expect(s.algorithms == [.weight, .callLoad, .powerOfTwo])
        let a = s.destinations[0]
        #expect(a.name == "a" && a.spec.uri == "sip:gw-a.example.net" && a.spec.setID == 2 && a.spec.priority == 5)
        #expect(a.spec.flags == .probing && a.spec.attributes.duid == "A1" && a.spec.attributes.latency == 20)
        #expect(a.spec.attributes.congestionControl && a.spec.attributes.extra == [.init(name: "region", value: "eu")])
        #expect(a.answerDelay == .deterministic(0.15) && a.callsPerSecond == 20 && a.errorRatio == 0.01 && a.errorCode == 480)
        let b = s.destinations[1]
        #expect(b.name == "[2001:db8::1]" && b.callsPerSecond == 2)
        #expect(b.answerDelay == .gamma(shape: 4, scale: 0.5))
        #expect(s.workload.arrivals == .profile(try RateProfile([RateStep(start: 0, rate: 0), RateStep(start: 600, rate: 1 / 6, ramp: true)])))
        #expect(s.workload.holding == .empirical([30, 60, 0]) && s.workload.callers == 7)
        #expect(s.dispatcher.probingMode == .inactiveOnly && s.dispatcher.pingLatencyStats)
        #expect(s.dispatcher.pingReplyCodes == ReplyCodeSet(codes: [404], classes: [3]))
        #expect(s.dispatcher.failover.onTimeout && s.dispatcher.failover.codes == [486] && s.dispatcher.failover.classes == [5])
        #expect(s.dispatcher.markOnFailure == [.inactive, .probing] && s.dispatcher.reevaluateOnFailover)
        #expect(s.dispatcher.passive.consecutiveFailures == 4 && s.dispatcher.passive.errorRatio == 0.25)
        #expect(s.dispatcher.limit == 2 && s.dispatcher.slowStart == .seconds(60) && s.dispatcher.panicThreshold == 0.5)
        #expect(s.faults == [
            Fault(target: 0, kind: .slow(extra: .milliseconds(1500)), start: .seconds(300), duration: .seconds(60)),
            Fault(target: 1, kind: .flapping(period: .seconds(30)), start: .seconds(1200), duration: .seconds(4200)),
            Fault(target: 0, kind: .capacity(channels: 0), start: .seconds(3600), duration: .seconds(1800)),
            Fault(target: 1, kind: .probeLoss, start: .zero, duration: .seconds(90)),
        ])

        let expanded = s.expandedYAML()
        #expect(expanded.contains("duration: 90m\nwarmup: 90s\n"))
        #expect(expanded.contains("report_interval: 250ms\n"))
        #expect(expanded.contains("when: [timeout, 486, 5xx]"))
        #expect(expanded.contains("- {target: \"a\", kind: slow, extra: 1.5s, at: 5m, for: 1m}"))
        let again = try Scenario.parse(yaml: expanded, file: "x.yaml", baseDirectory: "")
        #expect(withoutLocations(again) == withoutLocations(s))
        #expect(again.expandedYAML() == expanded)
    }

    @Test("Trace and empirical files are read relative to the base directory; a block-format list works too")
    func referencedFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "start,duration\n0.5,120\n2,30\n".write(toFile: dir + "/calls.csv", atomically: true, encoding: .utf8)
        try "# ring times\n0.2\n0.35  # slow one\n\n1\n".write(toFile: dir + "/ring.txt", atomically: true, encoding: .utf8)
        try """
            dispatcher {
                setid = 1;
                destination { host = "10.0.0.1"; port = 5060; weight = 50; capacity = 30; }
                destination { host = "10.0.0.2"; duid = "b"; maxload = 20; }
            }
            """.write(toFile: dir + "/list.cfg", atomically: true, encoding: .utf8)
        let yaml = """
            duration: 10m
            algorithms: [weight]
            destinations_file: list.cfg
            destination_defaults: {answer_delay: {dist: empirical, file: ring.txt}}
            workload:
              arrivals: {process: trace, file: calls.csv}
            """
        let s = try Scenario.parse(yaml: yaml, file: dir + "/s.yaml", baseDirectory: dir)
        #expect(s.workload.arrivals == .trace([TraceCall(start: 0.5, duration: 120), TraceCall(start: 2, duration: 30)]))
        #expect(s.workload.holding == .deterministic(75))
        #expect(s.destinations.map(\.name) == ["10.0.0.1", "b"])
        #expect(s.destinations.map(\.capacity) == [30, 20])
        #expect(s.destinations[1].answerDelay == .empirical([0.2, 0.35, 1]))

        let expanded = s.expandedYAML()
        #expect(expanded.contains("      - [0.5, 120]\n"))
        let again = try Scenario.parse(yaml: expanded, file: "x.yaml", baseDirectory: "")
        #expect(withoutLocations(again) == withoutLocations(s))

        let badValues = parseError(yaml.replacingOccurrences(of: "calls.csv", with: "ring.txt"), file: dir + "/s.yaml", base: dir)
        #expect(badValues?.description == "\(dir)/ring.txt:2:4: error: expected 2 fields 'start,duration', found 1")
        try "0.2\nslow\n".write(toFile: dir + "/ring.txt", atomically: true, encoding: .utf8)
        #expect(parseError(yaml, file: dir + "/s.yaml", base: dir)?.description
                == "\(dir)/ring.txt:2:1: error: expected a non-negative number of seconds, found 'slow'")
    }

    @Test("A bad line in a destinations_file is reported inside that file")
    func badListFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "# gateways\n1 sip:gw1.example.net 0 0 maxload=10\n1 sip:gw2.example.net 0 0 weight=x;maxload=10\n"
            .write(toFile: dir + "/gw.list", atomically: true, encoding: .utf8)
        let yaml = """
            duration: 1h
            algorithms: [weight]
            destinations_file: gw.list
            workload: {arrivals: {process: poisson, rate: 1/s}, holding: 60s}
            """
        let error = parseError(yaml, file: dir + "/s.yaml", base: dir)
        #expect(error?.location == SourceLocation(file: dir + "/gw.list", line: 3, column: 34))
        #expect(error?.message.contains("expected an integer (1-100) for weight, found 'x'") == true)

        try "1 sip:gw1.example.net 0 0 weight=10\n".write(toFile: dir + "/gw.list", atomically: true, encoding: .utf8)
        let noCapacity = parseError(yaml, file: dir + "/s.yaml", base: dir)
        #expect(noCapacity?.location == SourceLocation(file: dir + "/gw.list", line: 1, column: 1))
        #expect(noCapacity?.message.contains("expected a capacity=N (or maxload=N) attribute") == true)
    }
}

/// A small valid scenario that the error cases break one thing at a time.
private let valid = """
    duration: 1h
    algorithms: [weight]
    destinations:
      - {id: gw1, uri: "sip:gw1.example.net", capacity: 10}
      - {id: gw2, uri: "sip:gw2.example.net", capacity: 10}
    workload:
      arrivals: {process: poisson, rate: 1/s}
      holding: {dist: exponential, mean: 60s}
    """

/// `valid` with `old` replaced by `new` (once, and it must be there).
private func breaking(_ old: String, _ new: String) -> String {
    guard let range = valid.range(of: old) else { return "not in the valid scenario: \(old)" }
    return valid.replacingCharacters(in: range, with: new)
}

@Suite("Scenario file errors")
struct ScenarioFileErrorTests {
    @Test("The valid base scenario parses")
    func baseParses() {
        #expect(parseError(valid) == nil)
    }

    @Test("Each bad file is refused at the right line and column, saying what was expected", arguments: [
        // An unknown top-level key lists the accepted ones.
        (valid + "\nbogus: 1", "9:1", "unknown key `bogus` at the top level; expected one of: name, seed, duration"),
        // `on` is YAML 1.1's true.
        (valid + "\ndispatcher:\n  failover:\n    on: [timeout]", "11:5", "`on` reads as a boolean in YAML 1.1, so it cannot be a key; use `when`"),
        // A word where an integer belongs.
        (breaking("capacity: 10}", "capacity: ten}"), "4:53", "expected an integer 1 or more (channels) for `destinations[1].capacity`, found 'ten'"),
        // A mapping where an integer belongs.
        (breaking("capacity: 10}", "capacity: {n: 1}}"), "4:53", "for `destinations[1].capacity`, found a mapping"),
        (breaking("rate: 1/s", "rate: -1/s"), "7:38", "for `workload.arrivals.rate`, found '-1/s', which is negative"),
        (breaking("rate: 1/s", "rate: 2"), "7:38", "expected a rate like 2/s, 120/m or 7200/h for `workload.arrivals.rate`, found '2' without a unit"),
        (breaking("duration: 1h", "duration: 3600"), "1:11", "found '3600' without a unit (only 0 may go without one)"),
        (breaking("dist: exponential", "dist: normal"), "8:19", "unknown distribution 'normal' for `workload.holding.dist`; expected one of: exponential, lognormal"),
        (breaking("dist: exponential, mean: 60s", "dist: lognormal, mean: 60s, sd: 0s"), "8:45", "expected a positive duration with a unit (ms, s, m, h) like 90s, 1.5m or 200ms for `workload.holding.sd`, found '0s'"),
        (breaking("dist: exponential, mean: 60s", "dist: lognormal, mean: 60s"), "8:12", "expected `mean` and `sd`, or `median` and `p95`, or `mu` and `sigma` for the lognormal distribution `workload.holding`"),
        (breaking("[weight]", "[weight, fastest]"), "2:22", "unknown algorithm 'fastest' in `algorithms`; expected one of: hash-callid,"),
        (valid + "\nfaults:\n  - {target: gw9, kind: down, at: 1m}", "10:14", "no destination is called 'gw9'; the destinations are: gw1, gw2"),
        (valid + "\nfaults:\n  - {target: gw1, kind: reject, at: 1m}", "10:5", "expected a `code` key in `faults[1]` (the reply code, e.g. 503)"),
        (valid + "\nfaults:\n  - {target: gw1, kind: reject, code: 200, at: 1m}", "10:39", "expected a SIP reply code 300-699 for `faults[1].code`, found '200'"),
        (valid + "\nfaults:\n  - {target: gw1, kind: down, at: 50m, for: 20m}", "10:45", "expected the fault to end by the end of the run (1h), but it ends at 70m"),
        (valid + "\nfaults:\n  - {target: gw1, kind: down, at: 2h}", "10:35", "expected `faults[1].at` before the end of the run (1h), found '2h'"),
        (breaking("arrivals: {process: poisson, rate: 1/s}", "arrivals: {process: poisson, rate: 1/s"), "8:10", "expected well-formed YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 7, column 13)"),
        ("warmup: 1h\n" + valid, "1:9", "expected `warmup` shorter than the duration (1h), found '1h'"),
        (breaking("id: gw2", "id: gw1"), "5:5", "expected a unique name for each destination, but 'gw1' also names the destination at bad.yaml:4:5"),
        (breaking("sip:gw1.example.net", "sip:gw1.example.net:0"), "4:41", "expected a port number 1-65535 after ':', found '0' in `destinations[1].uri`"),
        (breaking("uri: \"sip:gw1.example.net\", ", ""), "4:5", "expected a `uri` key in `destinations[1]` (the destination's SIP URI)"),
        (valid + "\ndispatcher: {failover: {max_attempts: 0}}", "9:39", "expected an integer 1 or more (1: no failover) for `dispatcher.failover.max_attempts`, found '0'"),
        (valid + "\ndestinations_file: gw.list", "9:20", "expected either `destinations` or `destinations_file`, not both"),
        (valid + "\nduration: 2h", "1:1", "expected each key once in a mapping, found `duration` more than once"),
        (valid + "\n\tseed: 2", "9:1", "YAML does not allow tabs for indentation, use spaces"),
        ("", "1:1", "expected a scenario (a YAML mapping with name, duration, algorithms, destinations, workload…), found an empty file"),
        ("- 1\n", "1:1", "expected a mapping with name, duration, algorithms, destinations, workload… for the scenario, found a list"),
    ])
    func refused(yaml: String, position: String, fragment: String) {
        guard let error = parseError(yaml) else {
            Issue.record("expected an error containing: \(fragment)")
            return
        }
        #expect("\(error.location.line):\(error.location.column)" == position, "\(error)")
        #expect(error.location.file == "bad.yaml")
        #expect(error.message.contains(fragment), "\(error)")
        #expect(error.description == "bad.yaml:\(position): error: \(error.message)")
    }
}
