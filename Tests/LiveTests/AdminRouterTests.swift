import Dispatcher
import Foundation
import Testing

@testable import Live

/// The routes without sockets: what `AdminServer` adds is only the HTTP adaptation.
@Suite struct AdminRouterTests {
    private func router(_ backend: FakeBackend, _ metrics: ProxyMetrics = ProxyMetrics()) -> AdminRouter {
        AdminRouter(backend: backend, registry: metrics.registry)
    }

    @Test func trailingSlashAndMethodCaseDoNotMatter() async throws {
        let response = await self.router(try FakeBackend.sample()).respond(to: AdminRequest(method: "get", path: "/destinations/"))
        #expect(response.status == 200)
        #expect(response.contentType == "application/json")
    }

    @Test func bodyWinsOverQueryFieldByField() {
        let request = AdminRequest(
            method: "POST", path: "/destinations/d1/state",
            query: [.init(name: "set", value: "2"), .init(name: "state", value: "d")],
            body: Data(#"{"state": "i"}"#.utf8))
        let parsed = try? AdminRouter.parseStateChange(request).get()
        #expect(parsed?.set == 2)
        #expect(parsed?.state == "i")
    }

    @Test func metricsAreRefreshedBeforeAScrape() async throws {
        let backend = try FakeBackend.sample()
        let metrics = ProxyMetrics()
        metrics.malformed()
        let response = await self.router(backend, metrics).respond(to: AdminRequest(method: "GET", path: "/metrics"))
        #expect(response.status == 200)
        #expect(await backend.metricsRefreshes == 1)
        #expect(String(decoding: response.body, as: UTF8.self).contains("sip_messages_malformed_total 1"))
    }

    @Test func badPercentEncodingIs400() async throws {
        let response = await self.router(try FakeBackend.sample()).respond(
            to: AdminRequest(method: "POST", path: "/destinations/%zz/state"))
        #expect(response.status == 400)
    }

    @Test func ackWhenTheDestinationIsNoLongerListed() async throws {
        // The backend accepts the change but no longer lists the destination (a reload raced it).
        let response = await AdminRouter(backend: AcceptingBackend(), registry: ProxyMetrics().registry).respond(
            to: AdminRequest(method: "POST", path: "/destinations/d1/state", body: Data(#"{"set": 1, "state": "ip"}"#.utf8)))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"d1","setID":1,"state":"ip"}"#)
    }

    @Test func backendChosenStatusWins() async throws {
        let backend = try FakeBackend.sample()
        await backend.refuseSetState(with: AdminFailure(.notFound, "gone"))
        let refused = await self.router(backend).respond(
            to: AdminRequest(method: "POST", path: "/destinations/d1/state", query: [.init(name: "set", value: "1"), .init(name: "state", value: "a")]))
        #expect(refused.status == 404)
    }
}

/// Accepts every change and lists nothing.
private struct AcceptingBackend: AdminBackend {
    func destinations() async -> [DestinationSnapshot] { [] }
    func setState(setID: Int, id: String, state: String) async throws {}
    func reload() async throws {}
    func refreshMetrics() async {}
}

@Suite struct ProxyMetricsTests {
    @Test func stateGaugeUsesKamailioNumbering() {
        #expect(ProxyMetrics.stateValue([]) == 0)
        #expect(ProxyMetrics.stateValue([.probing]) == 0)
        #expect(ProxyMetrics.stateValue([.trying]) == 1)
        #expect(ProxyMetrics.stateValue([.inactive, .probing]) == 2)
        #expect(ProxyMetrics.stateValue([.disabled]) == 3)
        #expect(ProxyMetrics.stateValue([.inactive, .disabled]) == 2)
    }

    @Test func methodLabelsStayBounded() {
        #expect(SIPMethodLabel.label(for: "invite") == "INVITE")
        #expect(SIPMethodLabel.label(for: "OPTIONS") == "OPTIONS")
        #expect(SIPMethodLabel.label(for: "X-\(UInt64.random(in: 0...UInt64.max))") == "other")
    }

    @Test func independentInstancesDoNotShareCounts() {
        let a = ProxyMetrics()
        let b = ProxyMetrics()
        a.malformed()
        #expect(a.exposition().contains("sip_messages_malformed_total 1"))
        #expect(b.exposition().contains("sip_messages_malformed_total 0"))
    }

    @Test func twoInstancesMayShareARegistry() {
        let a = ProxyMetrics()
        let b = ProxyMetrics(registry: a.registry)
        a.forwarded(method: "BYE")
        b.forwarded(method: "BYE")
        #expect(a.exposition().contains(#"sip_requests_forwarded_total{method="BYE"} 2"#))
    }
}
