import FlyingFox
import Foundation
import Logging

/// Adapts FlyingFox requests to `AdminRouter` and logs each one. Every request goes
/// through this single handler (rather than FlyingFox routes) so unmatched paths also
/// get a JSON 404 and the routing stays testable without the HTTP library.
struct AdminHTTPHandler: HTTPHandler {
    let router: AdminRouter
    let logger: Logger

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body: Data
        do {
            body = try await request.bodyData
        } catch {
            self.logger.warning("admin request body unreadable", metadata: ["error": "\(error)"])
            return Self.http(.error("cannot read request body", status: 400))
        }
        let admin = AdminRequest(
            method: request.method.rawValue, path: request.path,
            query: request.query.map { AdminRequest.QueryItem(name: $0.name, value: $0.value) },
            body: body)
        let response = await self.router.respond(to: admin)
        self.log(admin, response)
        return Self.http(response)
    }

    /// POSTs change the proxy, so they are logged at info as an audit trail; reads are
    /// debug because Prometheus scrapes `/metrics` every few seconds.
    private func log(_ request: AdminRequest, _ response: AdminResponse) {
        let metadata: Logger.Metadata = [
            "method": "\(request.method)", "path": "\(request.path)", "status": "\(response.status)",
        ]
        if response.status >= 500 {
            self.logger.error("admin request failed", metadata: metadata.merging(Self.errorMetadata(response)) { $1 })
        } else if response.status >= 400 {
            self.logger.notice("admin request refused", metadata: metadata.merging(Self.errorMetadata(response)) { $1 })
        } else if request.method == "GET" {
            self.logger.debug("admin request", metadata: metadata)
        } else {
            self.logger.info("admin request", metadata: metadata)
        }
    }

    private static func errorMetadata(_ response: AdminResponse) -> Logger.Metadata {
        ["error": "\(String(decoding: response.body, as: UTF8.self))"]
    }

    private static func http(_ response: AdminResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = response.contentType
        return HTTPResponse(
            statusCode: HTTPStatusCode(response.status, phrase: Self.phrase(response.status)),
            headers: headers, body: response.body)
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        default: "Internal Server Error"
        }
    }
}
