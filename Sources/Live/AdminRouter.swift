import Dispatcher
import Foundation
import Prometheus

/// The admin endpoint's routes, as a pure function from request to response over an
/// `AdminBackend`; `AdminServer` only adapts HTTP to it.
///
/// - `GET /destinations`: every destination as JSON, in the backend's order.
/// - `POST /destinations/{id}/state`: `{"set": 1, "state": "ip"}` or `?set=1&state=ip`.
/// - `POST /reload`: reload the configuration; a refused file leaves the old one.
/// - `GET /metrics`: the registry in Prometheus text format.
///
/// Unknown paths get 404 and known paths with the wrong method 405, both as JSON
/// errors so clients can parse every failure the same way.
public struct AdminRouter: Sendable {
    public let backend: any AdminBackend
    public let registry: PrometheusCollectorRegistry

    public init(backend: any AdminBackend, registry: PrometheusCollectorRegistry) {
        self.backend = backend
        self.registry = registry
    }

    public func respond(to request: AdminRequest) async -> AdminResponse {
        guard let segments = request.segments else {
            return .error("invalid percent-encoding in path", status: 400)
        }
        switch (request.method, segments.count, segments.first) {
        case ("GET", 1, "destinations"):
            return .json(await self.backend.destinations())
        case ("POST", 3, "destinations") where segments[2] == "state":
            return await self.setState(id: segments[1], request: request)
        case ("POST", 1, "reload"):
            return await self.reload()
        case ("GET", 1, "metrics"):
            await self.backend.refreshMetrics()
            return AdminResponse(
                status: 200, contentType: AdminResponse.prometheusType,
                body: Data(self.registry.emitToString().utf8))
        case (_, 1, "destinations"), (_, 1, "metrics"), (_, 1, "reload"):
            return .error("method \(request.method) not allowed on \(request.path)", status: 405)
        case (_, 3, "destinations") where segments[2] == "state":
            return .error("method \(request.method) not allowed on \(request.path)", status: 405)
        default:
            return .error("no route for \(request.method) \(request.path)", status: 404)
        }
    }

    /// `POST /reload`. Any refusal is a 409 unless the backend chose otherwise: the
    /// request was fine, the new configuration was not, and the old one is still live.
    private func reload() async -> AdminResponse {
        do {
            try await self.backend.reload()
            return .json(["reloaded": true])
        } catch let failure as AdminFailure {
            return .failure(failure)
        } catch {
            return .error(String(describing: error), status: 409)
        }
    }
}
