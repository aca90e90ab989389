import Dispatcher
import Reports
import Testing
import Workloads
@testable import Simulator

/// N servers of `channels` channels, Poisson arrivals of `traffic` erlangs in all,
/// answered at once (1 ms), so channel occupancy is the holding time.
func lossSystem(
    servers n: Int, channels: Int, traffic: Double, holding: Distribution = .exponential(mean: 60),
    algorithm: Algorithm, maxAttempts: Int = 1, calls: Double = 60_000, replications: Int = 6, seed: UInt64 = 11
) -> Scenario {
    let meanHolding = holding.mean
    let rate = traffic / meanHolding
    let duration = calls / rate
    var config = DispatcherConfiguration()
    config.failover.maxAttempts = maxAttempts
    config.failover.codes = [486, 503]
    return Scenario(
        name: "loss-\(algorithm.name)", seed: seed, duration: .seconds(duration), warmup: .seconds(10 * meanHolding),
        replications: replications, reportInterval: .seconds(duration / 10), algorithms: [algorithm],
        destinations: (1...n).map { i in
            var attrs = DestinationAttributes()
            attrs.capacity = channels
            return DestinationModel(
                spec: DestinationSpec(setID: 1, uri: "sip:s\(i).example.net", attributes: attrs),
                name: "s\(i)", capacity: channels, answerDelay: .deterministic(0.001))
        },
        workload: WorkloadModel(arrivals: .poisson(rate: rate), holding: holding),
        dispatcher: config)
}

func runAll(_ scenario: Scenario) async throws -> RunReport {
    try await Experiment(scenario: scenario, jobs: 2).runAll()
}

func blocking(_ report: RunReport) -> MeanWithConfidence {
    Statistics.summary(report.replications.map(\.summary.blocking))
}

/// The simulator against exact results of teletraffic theory. Every expected
/// value is computed from the formula, never read off a run.
@Suite("Queueing theory anchors")
struct QueueingTheoryTests {
    @Test("a random split with no failover gives Erlang B on each server")
    func randomSplit() async throws {
        // 3 × 10 channels, 24 erlangs: each server is offered 8 erlangs.
        let report = try await runAll(lossSystem(servers: 3, channels: 10, traffic: 24, algorithm: .random))
        let expected = ErlangB.blocking(traffic: 8, channels: 10)
        let measured = blocking(report)
        #expect(measured.contains(expected), "Erlang B \(expected), simulated \(measured)")
    }

    @Test("least utilisation pools the channels: Erlang B over all of them")
    func pooled() async throws {
        let report = try await runAll(lossSystem(servers: 3, channels: 10, traffic: 24, algorithm: .leastUtilisation))
        let expected = ErlangB.blocking(traffic: 24, channels: 30)
        let measured = blocking(report)
        #expect(measured.contains(expected), "pooled Erlang B \(expected), simulated \(measured)")
        #expect(expected < ErlangB.blocking(traffic: 8, channels: 10) / 3)
    }

    @Test("round-robin with failover on busy also pools the channels")
    func fullFailover() async throws {
        let report = try await runAll(lossSystem(servers: 3, channels: 10, traffic: 24, algorithm: .roundRobin, maxAttempts: 3))
        let expected = ErlangB.blocking(traffic: 24, channels: 30)
        #expect(blocking(report).contains(expected), "pooled Erlang B \(expected), simulated \(blocking(report))")
    }

    @Test("serial hunting carries the overflow-theory load on each server")
    func serialHunting() async throws {
        let traffic = 24.0
        let report = try await runAll(lossSystem(servers: 3, channels: 10, traffic: traffic, algorithm: .serial, maxAttempts: 3))
        let groups = ErlangB.serialHunting(traffic: traffic, groups: 3, channelsPerGroup: 10)
        // Serial takes index order: equal priorities are in reverse file order, s3 first.
        for (k, name) in ["s3", "s2", "s1"].enumerated() {
            let carried = Statistics.summary(report.replications.map { r in
                r.destinations.first { $0.name == name }?.meanActive ?? .nan
            })
            #expect(carried.contains(groups[k].carried), "\(name): theory \(groups[k].carried), simulated \(carried)")
        }
    }

    @Test("Erlang B is insensitive to the holding-time distribution (lognormal)")
    func insensitivity() async throws {
        let holding = try Distribution.lognormal(mean: 60, sd: 120)
        let report = try await runAll(lossSystem(servers: 3, channels: 10, traffic: 24, holding: holding, algorithm: .random, replications: 8))
        let expected = ErlangB.blocking(traffic: 8, channels: 10)
        #expect(blocking(report).contains(expected), "Erlang B \(expected), simulated \(blocking(report))")
    }
}

@Suite("Determinism")
struct DeterminismTests {
    func signature(_ r: RunReport) -> [String] {
        r.replications.map { rep in
            "\(rep.algorithm) \(rep.replication) \(rep.summary) \(rep.destinations) \(rep.events) \(rep.timeseries.count)"
        }
    }

    @Test("the same seed gives the same results; another seed gives others")
    func sameSeed() async throws {
        var scenario = lossSystem(servers: 3, channels: 10, traffic: 24, algorithm: .roundRobin, maxAttempts: 2, calls: 5_000, replications: 2)
        scenario.algorithms = [.roundRobin, .callLoad, .hashCallID]
        let a = try await runAll(scenario)
        let b = try await Experiment(scenario: scenario, jobs: 1).runAll()
        #expect(signature(a) == signature(b))
        scenario.seed += 1
        let c = try await runAll(scenario)
        #expect(signature(a) != signature(c))
    }

    @Test("every algorithm sees the same calls (common random numbers)")
    func commonRandomNumbers() async throws {
        var scenario = lossSystem(servers: 3, channels: 50, traffic: 10, algorithm: .roundRobin, calls: 3_000, replications: 1)
        scenario.algorithms = [.roundRobin, .random, .rendezvous, .callLoad]
        let report = try await runAll(scenario)
        let offered = Set(report.replications.map(\.summary.offered))
        #expect(offered.count == 1)
    }
}
