import Foundation

/// An admin HTTP request reduced to what the routes need, so `AdminRouter` does not
/// depend on the HTTP library and can be exercised directly.
public struct AdminRequest: Sendable, Hashable {
    /// Upper-case method name: `GET`, `POST`, …
    public var method: String
    /// The path as received (still percent-encoded), without the query.
    public var path: String
    /// Query parameters in order; a name may repeat (the first wins).
    public var query: [QueryItem]
    public var body: Data

    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: [QueryItem] = [], body: Data = Data()) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.body = body
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? {
        self.query.first { $0.name == name }?.value
    }

    /// Path segments, percent-decoded one by one so an id may contain an encoded `/`.
    /// Empty segments (a trailing or doubled slash) are dropped; nil when a segment's
    /// percent-encoding is invalid.
    var segments: [String]? {
        var out: [String] = []
        for raw in self.path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            out.append(decoded)
        }
        return out
    }
}
