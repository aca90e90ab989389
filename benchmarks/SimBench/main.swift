// Whole-process speed benchmark of the simulator on the reference model:
// 6 destinations × 100 channels, Poisson 4.5 calls/s, exponential holding with a
// 120 s mean, destination 2 down from 20,005 s to 30,005 s, 10 s probes, a 4 s
// INVITE timeout, failover on 486 or timeout; round-robin and call-load, one
// replication of 1,000,000 calls each. Run it in release:
//
//     swift run -c release sim-bench [calls] [--repeat K]
//
// It runs the pair K times (3 by default) and prints simulated calls per second
// of wall time for each algorithm (one core: the jobs run one after the other);
// then `overall`, the best round, and `median`, the median round (a shared
// machine's other tenants only ever slow a round down); then calls per CPU-second
// of the whole process (start-up, scenario building and reports included), and
// the peak resident memory.
import Dispatcher
import Foundation
import Reports
import Simulator
import Workloads

func usage() -> Never {
    print("usage: sim-bench [calls] [--repeat K]   (calls >= 1, default 1000000; K >= 1, default 3)")
    exit(2)
}

/// `[calls] [--repeat K]` from the command line.
func parseArguments() -> (calls: Double, rounds: Int) {
    var calls = 1_000_000.0
    var rounds = 3
    var rest = CommandLine.arguments.dropFirst()
    while let argument = rest.popFirst() {
        if argument == "--repeat" {
            guard let k = rest.popFirst().flatMap({ Int($0) }), k >= 1 else { usage() }
            rounds = k
        } else if let n = Double(argument), n >= 1 {
            calls = n
        } else {
            usage()
        }
    }
    return (calls, rounds)
}

let (calls, rounds) = parseArguments()
let rate = 4.5

let config: DispatcherConfiguration = {
    var c = DispatcherConfiguration()
    c.pingInterval = .seconds(10)
    c.pingTimeout = .seconds(4)
    c.probingMode = .all
    c.failover.codes = [486]
    c.failover.onTimeout = true
    c.failover.maxAttempts = 3
    c.failover.inviteTimeout = .seconds(4)
    return c
}()

let destinations = (1...6).map { i in
    var attrs = DestinationAttributes()
    attrs.capacity = 100
    return DestinationModel(
        spec: DestinationSpec(setID: 1, uri: "sip:gw\(i).example.net", attributes: attrs),
        name: "gw\(i)", capacity: 100, answerDelay: .deterministic(0.1))
}

func scenario(_ algorithm: Algorithm, destinations: [DestinationModel], config: DispatcherConfiguration) -> Scenario {
    Scenario(
        name: "speed", seed: 1, duration: .seconds(calls / rate), replications: 1, reportInterval: .seconds(60),
        algorithms: [algorithm], destinations: destinations,
        workload: WorkloadModel(arrivals: .poisson(rate: rate), holding: .exponential(mean: 120)),
        dispatcher: config,
        faults: [Fault(target: 1, kind: .down, start: .seconds(20_005), duration: .seconds(10_000))])
}

/// User plus system CPU seconds of the whole process so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    let me = RUSAGE_SELF.rawValue
    #else
    let me = RUSAGE_SELF
    #endif
    guard getrusage(me, &usage) == 0 else { return .nan }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kb / 1024
}

let clock = ContinuousClock()
var totalCalls = 0
var roundSeconds: [Double] = []
var roundCalls = 0
for round in 1...rounds {
    var seconds = 0.0
    var offeredInRound = 0
    for algorithm in [Algorithm.roundRobin, .callLoad] {
        let experiment = Experiment(scenario: scenario(algorithm, destinations: destinations, config: config), jobs: 1)
        var report: ReplicationReport?
        let elapsed = try clock.measure {
            report = try experiment.run(Experiment.Job(algorithm: algorithm, replication: 1))
        }
        let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let offered = report?.summary.offered ?? 0
        offeredInRound += offered
        seconds += s
        let blocking = report.map { String(format: "%.4f", $0.summary.blocking) } ?? "-"
        print(String(format: "round %d %-12@ %9d calls in %6.3f s = %10.0f calls/s  (blocking %@)",
                     round, algorithm.name, offered, s, Double(offered) / s, blocking))
    }
    totalCalls += offeredInRound
    roundCalls = offeredInRound
    roundSeconds.append(seconds)
}
let sorted = roundSeconds.sorted()
let best = sorted[0]
let median = sorted[sorted.count / 2]
print(String(format: "overall      %9d calls in %6.3f s = %10.0f calls/s (best of %d), peak RSS %.1f MiB",
             roundCalls, best, Double(roundCalls) / best, rounds, peakRSSMiB()))
print(String(format: "median       %9d calls in %6.3f s = %10.0f calls/s", roundCalls, median, Double(roundCalls) / median))
let cpu = processCPUSeconds()
print(String(format: "process      %9d calls in %6.3f s of CPU, whole process = %10.0f calls/s",
             totalCalls, cpu, Double(totalCalls) / cpu))
