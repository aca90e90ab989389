/// An admin request the server refused, with the HTTP status class the client should see.
///
/// A backend may throw this to choose the status itself; any other error is mapped by
/// the route that caught it (see `AdminRouter`), so backends that only throw the
/// dispatcher's `AdminError` still get sensible statuses.
public struct AdminFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which HTTP status the failure maps to.
    public enum Kind: Hashable, Sendable {
        /// 400: the request itself is malformed (bad JSON, unknown state letters).
        case badRequest
        /// 404: it names a set or destination that does not exist.
        case notFound
        /// 409: it is well formed but cannot be applied now (a refused reload).
        case conflict
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { self.message }

    /// The status code for this failure.
    public var statusCode: Int {
        switch self.kind {
        case .badRequest: 400
        case .notFound: 404
        case .conflict: 409
        }
    }
}
