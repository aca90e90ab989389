import Foundation

/// What an admin route answers, independent of the HTTP library so routing can be
/// tested without sockets and the library stays at the edge (`AdminServer`).
public struct AdminResponse: Sendable, Hashable {
    public var status: Int
    public var contentType: String
    public var body: Data

    public init(status: Int, contentType: String, body: Data) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    static let jsonType = "application/json"
    /// The Prometheus text exposition format, version 0.0.4, as scrapers expect it.
    static let prometheusType = "text/plain; version=0.0.4; charset=utf-8"

    /// Sorted keys so responses are byte-stable for clients and tests.
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// A JSON body; encoding our own Codable types cannot realistically fail, but if it
    /// does the client gets a 500 with a JSON error rather than the process dying.
    static func json(_ value: some Encodable, status: Int = 200) -> AdminResponse {
        do {
            return AdminResponse(status: status, contentType: jsonType, body: try encoder().encode(value))
        } catch {
            return .error("cannot encode response: \(error)", status: 500)
        }
    }

    /// `{"error": "..."}` with the given status.
    static func error(_ message: String, status: Int) -> AdminResponse {
        let body = (try? encoder().encode(["error": message])) ?? Data(#"{"error":"unknown"}"#.utf8)
        return AdminResponse(status: status, contentType: jsonType, body: body)
    }

    static func failure(_ failure: AdminFailure) -> AdminResponse {
        .error(failure.message, status: failure.statusCode)
    }
}
