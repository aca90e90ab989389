import Dispatcher
import Foundation
import Live
import Testing

@Suite(.timeLimit(.minutes(1))) struct AdminServerTests {
    @Test func listsDestinationsAsJSON() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let result = try await request("GET", port: port, "/destinations")
            #expect(result.status == 200)
            #expect(result.contentType == "application/json")
            let listed = try JSONDecoder().decode([DestinationSnapshot].self, from: result.body)
            #expect(listed == (await backend.snapshots))
            #expect(listed.map(\.id) == ["d1", "d2"])
        }
    }

    @Test func setsStateFromJSONBody() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let result = try await request("POST", port: port, "/destinations/d2/state", body: #"{"set": 1, "state": "ap"}"#)
            #expect(result.status == 200)
            let updated = try JSONDecoder().decode(DestinationSnapshot.self, from: result.body)
            #expect(updated.id == "d2")
            #expect(updated.state == "AP")
            #expect(await backend.setStateCalls == ["1 d2 ap"])
        }
    }

    @Test func setsStateFromQueryByEncodedURI() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let result = try await request("POST", port: port, "/destinations/sip%3A10.0.0.1%3A5060/state?set=1&state=d")
            #expect(result.status == 200)
            let updated = try JSONDecoder().decode(DestinationSnapshot.self, from: result.body)
            #expect(updated.id == "d1")
            #expect(updated.state == "DX")
            #expect(await backend.setStateCalls == ["1 sip:10.0.0.1:5060 d"])
        }
    }

    @Test func mapsUnknownSetOrDestinationTo404() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let noSet = try await request("POST", port: port, "/destinations/d1/state", body: #"{"set": 7, "state": "i"}"#)
            #expect(noSet.status == 404)
            #expect(noSet.errorMessage == "no set 7")
            let noDestination = try await request("POST", port: port, "/destinations/d9/state?set=1&state=i")
            #expect(noDestination.status == 404)
            #expect(noDestination.errorMessage == "no destination 'd9' in set 1")
        }
    }

    @Test func mapsBadRequestsTo400WithoutCallingTheBackend() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let cases: [(path: String, body: String?, message: String)] = [
                ("/destinations/d1/state", #"{"set": 1, "state": "zz"}"#, "unknown state 'zz'"),
                ("/destinations/d1/state", #"{"state": "i"}"#, "missing 'set'"),
                ("/destinations/d1/state?set=1", nil, "missing 'state'"),
                ("/destinations/d1/state?set=one&state=i", nil, "set 'one' is not an integer"),
                ("/destinations/d1/state", "{not json", "body is not"),
            ]
            for c in cases {
                let result = try await request("POST", port: port, c.path, body: c.body)
                #expect(result.status == 400, "\(c.path) \(c.body ?? "")")
                #expect(result.contentType == "application/json")
                #expect(result.errorMessage?.hasPrefix(c.message) == true, "\(result.text)")
            }
            #expect(await backend.setStateCalls.isEmpty)
        }
    }

    @Test func mapsOtherBackendErrors() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            await backend.refuseSetState(with: TestFailure(description: "proxy is shutting down"))
            let plain = try await request("POST", port: port, "/destinations/d1/state?set=1&state=i")
            #expect(plain.status == 400)
            #expect(plain.errorMessage == "proxy is shutting down")
            await backend.refuseSetState(with: AdminFailure(.conflict, "busy"))
            let chosen = try await request("POST", port: port, "/destinations/d1/state?set=1&state=i")
            #expect(chosen.status == 409)
            #expect(chosen.errorMessage == "busy")
        }
    }

    @Test func reloads() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let ok = try await request("POST", port: port, "/reload")
            #expect(ok.status == 200)
            #expect(ok.text == #"{"reloaded":true}"#)

            await backend.refuseReloads(with: TestFailure(description: "duplicate duid 'd1' in set 1"))
            let refused = try await request("POST", port: port, "/reload")
            #expect(refused.status == 409)
            #expect(refused.errorMessage == "duplicate duid 'd1' in set 1")

            await backend.refuseReloads(with: AdminFailure(.badRequest, "no list file configured"))
            let bad = try await request("POST", port: port, "/reload")
            #expect(bad.status == 400)
            #expect(await backend.reloads == 3)
        }
    }

    @Test func exposesPrometheusMetrics() async throws {
        let metrics = ProxyMetrics()
        metrics.received(kind: .request)
        metrics.received(kind: .request)
        metrics.received(kind: .response)
        metrics.malformed()
        metrics.forwarded(method: "INVITE")
        metrics.forwarded(method: "XYZZY")
        metrics.call(outcome: .rejected503)
        metrics.failover(from: "d1")
        metrics.probe(result: .timeout)
        metrics.destinationState("d2", state: [.inactive, .probing])
        metrics.activeCalls("d1", count: 2)
        metrics.transactions(count: 5)
        try await withAdminServer(backend: try FakeBackend.sample(), metrics: metrics) { port in
            let result = try await request("GET", port: port, "/metrics")
            #expect(result.status == 200)
            #expect(result.contentType.hasPrefix("text/plain; version=0.0.4"))
            let lines = Set(result.text.split(separator: "\n").map(String.init))
            for expected in [
                #"sip_messages_received_total{kind="request"} 2"#,
                #"sip_messages_received_total{kind="response"} 1"#,
                "sip_messages_malformed_total 1",
                #"sip_requests_forwarded_total{method="INVITE"} 1"#,
                #"sip_requests_forwarded_total{method="other"} 1"#,
                #"sip_calls_total{outcome="rejected_503"} 1"#,
                #"sip_calls_total{outcome="answered"} 0"#,
                #"dispatcher_failovers_total{from="d1"} 1"#,
                #"dispatcher_probes_total{result="timeout"} 1"#,
                #"dispatcher_destination_state{destination="d2"} 2.0"#,
                #"dispatcher_destination_active_calls{destination="d1"} 2.0"#,
                "sip_transactions_active 5.0",
            ] {
                #expect(lines.contains(expected), "\(expected) missing from:\n\(result.text)")
            }
        }
    }

    @Test func unknownPathsAre404AndWrongMethods405() async throws {
        try await withAdminServer(backend: try FakeBackend.sample()) { port in
            let unknown = try await request("GET", port: port, "/nowhere")
            #expect(unknown.status == 404)
            #expect(unknown.contentType == "application/json")
            #expect(unknown.errorMessage == "no route for GET /nowhere")
            let wrongMethod = try await request("POST", port: port, "/destinations")
            #expect(wrongMethod.status == 405)
        }
    }

    @Test func refusesABusyPortAndABadHost() async throws {
        let backend = try FakeBackend.sample()
        try await withAdminServer(backend: backend) { port in
            let second = try AdminServer(address: AdminAddress(port: port), backend: backend, registry: ProxyMetrics().registry)
            await #expect(throws: (any Error).self) { try await second.start(timeout: .seconds(2)) }
            await second.stop()
        }
        #expect(throws: AdminServerError.invalidHost("localhost")) {
            _ = try AdminServer(address: AdminAddress(host: "localhost", port: 0), backend: backend, registry: ProxyMetrics().registry)
        }
    }
}
