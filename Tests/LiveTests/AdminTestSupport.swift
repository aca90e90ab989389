import Dispatcher
import Foundation
import Live

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `AdminBackend` standing in for the proxy: destinations in memory, refusals on cue,
/// and a record of what it was asked.
actor FakeBackend: AdminBackend {
    var snapshots: [DestinationSnapshot]
    var setStateCalls: [String] = []
    var reloads = 0
    var metricsRefreshes = 0
    var reloadError: (any Error)?
    var setStateError: (any Error)?

    init(_ snapshots: [DestinationSnapshot]) { self.snapshots = snapshots }

    func destinations() -> [DestinationSnapshot] { self.snapshots }

    func setState(setID: Int, id: String, state: String) throws {
        self.setStateCalls.append("\(setID) \(id) \(state)")
        if let setStateError { throw setStateError }
        guard self.snapshots.contains(where: { $0.setID == setID }) else { throw AdminError("no set \(setID)") }
        guard let i = self.snapshots.firstIndex(where: { $0.setID == setID && ($0.id == id || $0.uri == id) }),
            let flags = StateFlags(letters: state)
        else { throw AdminError("no destination '\(id)' in set \(setID)") }
        self.snapshots[i].state = flags.description
    }

    func reload() throws {
        self.reloads += 1
        if let reloadError { throw reloadError }
    }

    func refreshMetrics() { self.metricsRefreshes += 1 }

    func refuseReloads(with error: any Error) { self.reloadError = error }
    func refuseSetState(with error: any Error) { self.setStateError = error }

    /// Two destinations in set 1, decoded from JSON since the snapshot's only
    /// initialiser takes a live dispatcher's status.
    static func sample() throws -> FakeBackend {
        let json = """
            [{"setID":1,"id":"d1","uri":"sip:10.0.0.1:5060","state":"AP","priority":0,"attributes":"duid=d1",
              "activeCalls":2,"selected":10,"attempts":11,"failedOverFrom":1,"answered":9,"rejected":1,
              "timedOut":0,"latencyEstimateMs":12.5,"latencyAverageMs":11.0},
             {"setID":1,"id":"d2","uri":"sip:10.0.0.2:5060","state":"IP","priority":1,"attributes":"duid=d2",
              "activeCalls":0,"selected":0,"attempts":0,"failedOverFrom":0,"answered":0,"rejected":0,
              "timedOut":0,"latencyEstimateMs":0,"latencyAverageMs":0}]
            """
        return FakeBackend(try JSONDecoder().decode([DestinationSnapshot].self, from: Data(json.utf8)))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// A response as the tests see it.
struct HTTPResult {
    var status: Int
    var contentType: String
    var body: Data
    var text: String { String(decoding: self.body, as: UTF8.self) }

    /// The `error` field of a JSON error body.
    var errorMessage: String? {
        (try? JSONDecoder().decode([String: String].self, from: self.body))?["error"]
    }
}

/// A tiny HTTP client on URLSession with a bounded timeout so a hung server fails the
/// test instead of hanging the run.
func request(
    _ method: String, port: UInt16, _ pathAndQuery: String, body: String? = nil
) async throws -> HTTPResult {
    guard let url = URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)") else {
        throw TestFailure(description: "bad URL \(pathAndQuery)")
    }
    var request = URLRequest(url: url, timeoutInterval: 5)
    request.httpMethod = method
    if let body {
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 5
    configuration.timeoutIntervalForResource = 10
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw TestFailure(description: "not HTTP: \(response)") }
    return HTTPResult(
        status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "", body: data)
}

/// Runs `body` against a started server on an ephemeral loopback port and stops the
/// server afterwards, whether `body` threw or not.
func withAdminServer(
    backend: FakeBackend, metrics: ProxyMetrics = ProxyMetrics(),
    _ body: (UInt16) async throws -> Void
) async throws {
    let server = try AdminServer(address: AdminAddress(port: 0), backend: backend, registry: metrics.registry)
    try await server.start()
    do {
        guard let port = await server.port else { throw TestFailure(description: "no bound port") }
        try await body(port)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
