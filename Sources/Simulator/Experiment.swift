import Dispatcher
import Foundation
import Reports
import Workloads

/// Runs a scenario: every algorithm in every replication, in parallel across
/// cores, and gathers the results in a fixed order so the output does not
/// depend on which job finished first.
///
/// Replication `r` of every algorithm uses the same random streams (arrivals,
/// holding times, callers), and all see the same faults: the differences in a
/// comparison come from the policies, not from noise.
public struct Experiment: Sendable {
    public var scenario: Scenario
    /// Parallel jobs; defaults to the number of cores.
    public var jobs: Int

    public init(scenario: Scenario, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.scenario = scenario
        self.jobs = Swift.max(1, jobs)
    }

    /// One simulated run: an algorithm and a 1-based replication.
    public struct Job: Sendable, Hashable {
        public var algorithm: Algorithm
        public var replication: Int

        public init(algorithm: Algorithm, replication: Int) {
            self.algorithm = algorithm
            self.replication = replication
        }
    }

    /// The jobs in report order: algorithm by algorithm, replication by replication.
    public var plan: [Job] {
        self.scenario.algorithms.flatMap { alg in
            (1...Swift.max(1, self.scenario.replications)).map { Job(algorithm: alg, replication: $0) }
        }
    }

    /// Runs one job alone (also what each parallel worker does).
    public func run(_ job: Job, callSink: ((CallRow) -> Void)? = nil) throws -> ReplicationReport {
        let log = callSink.map { CallLog(algorithm: job.algorithm.name, replication: job.replication, sink: $0) }
        var simulation = try Simulation(scenario: self.scenario, algorithm: job.algorithm, replication: job.replication, callLog: log)
        return simulation.run()
    }

    /// Runs every job, `jobs` at a time. `progress` is told how many jobs are done.
    /// With `callsCSV`, every finished call (after the warm-up) is written to that
    /// file, in plan order: each job streams its calls to a part file of its own,
    /// and the parts are joined at the end, so memory does not grow with the calls.
    public func runAll(callsCSV: String? = nil, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> RunReport {
        let plan = self.plan
        var results = [ReplicationReport?](repeating: nil, count: plan.count)
        let parts = callsCSV.map { path in plan.indices.map { "\(path).part\($0)" } }
        if let callsCSV {
            let folder = URL(fileURLWithPath: callsCSV).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try await withThrowingTaskGroup(of: (Int, ReplicationReport).self) { group in
            var next = 0
            var done = 0
            func submit() {
                let index = next
                let job = plan[index]
                let part = parts?[index]
                group.addTask { (index, try self.run(job, callsCSV: part)) }
                next += 1
            }
            while next < Swift.min(self.jobs, plan.count) { submit() }
            while let (index, report) = try await group.next() {
                results[index] = report
                done += 1
                progress(done, plan.count)
                if next < plan.count { submit() }
            }
        }
        if let callsCSV, let parts { try Self.join(parts, into: callsCSV) }
        return RunReport(
            scenario: self.scenario.name, seed: self.scenario.seed,
            destinations: self.scenario.destinations.map(\.name), replications: results.compactMap { $0 })
    }

    /// Runs one job, streaming its calls to `callsCSV` when given.
    func run(_ job: Job, callsCSV path: String?) throws -> ReplicationReport {
        guard let path else { return try self.run(job) }
        let writer = try CallLogWriter(path: path)
        var failure: (any Error)?
        let report = try self.run(job) { row in
            guard failure == nil else { return }
            do {
                try writer.append(
                    algorithm: row.algorithm, replication: row.replication, callIndex: row.call, arrival: row.arrival,
                    destination: row.destination ?? "", attempts: row.attempts,
                    outcome: row.setupMilliseconds == nil ? "blocked" : "answered",
                    setupMs: row.setupMilliseconds, holding: row.holding)
            } catch {
                failure = error
            }
        }
        try writer.close()
        if let failure { throw failure }
        return report
    }

    /// Concatenates the part files (keeping the first header only) and removes them.
    static func join(_ parts: [String], into path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let out = FileHandle(forWritingAtPath: path) else {
            throw SimulationError("\(path): cannot create the calls file")
        }
        defer { try? out.close() }
        for (i, part) in parts.enumerated() {
            let data = try Data(contentsOf: URL(fileURLWithPath: part))
            let body = i == 0 ? data : data.firstIndex(of: 0x0A).map { data[($0 + 1)...] } ?? Data()
            try out.write(contentsOf: body)
            try FileManager.default.removeItem(atPath: part)
        }
    }
}
