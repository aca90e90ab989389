import Dispatcher
import Foundation

/// The body of `POST /destinations/{id}/state`; both fields may instead come from the query.
struct StateChangeBody: Decodable, Sendable {
    var set: Int?
    var state: String?
}

/// What `POST /destinations/{id}/state` answers when the change was applied but the
/// destination is no longer listed (a reload raced it): still a success.
struct StateChangeAck: Encodable, Sendable {
    var setID: Int
    var id: String
    var state: String
}

extension AdminRouter {
    /// `dispatcher.set_state` over HTTP. The letters are checked here so a typo is a 400
    /// without a trip to the proxy's event loop; the dispatcher's `AdminError` means the
    /// set or destination does not exist (404); anything else the backend throws is
    /// taken as a bad request (400) unless it is an `AdminFailure` choosing its own status.
    func setState(id: String, request: AdminRequest) async -> AdminResponse {
        let change: (set: Int, state: String)
        switch Self.parseStateChange(request) {
        case .success(let parsed): change = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard StateFlags(letters: change.state) != nil else {
            return .error("unknown state '\(change.state)': use a, i, t or d, optionally with p", status: 400)
        }
        do {
            try await self.backend.setState(setID: change.set, id: id, state: change.state)
        } catch let failure as AdminFailure {
            return .failure(failure)
        } catch let error as AdminError {
            return .error(error.message, status: 404)
        } catch {
            return .error(String(describing: error), status: 400)
        }
        let updated = await self.backend.destinations().first {
            $0.setID == change.set && ($0.id == id || $0.uri == id)
        }
        if let updated { return .json(updated) }
        return .json(StateChangeAck(setID: change.set, id: id, state: change.state))
    }

    /// Reads `set` and `state` from the JSON body, falling back to the query for each.
    static func parseStateChange(_ request: AdminRequest) -> Result<(set: Int, state: String), AdminFailure> {
        var body = StateChangeBody()
        let text = String(decoding: request.body, as: UTF8.self)
        if !text.allSatisfy(\.isWhitespace) {
            do {
                body = try JSONDecoder().decode(StateChangeBody.self, from: request.body)
            } catch {
                return .failure(AdminFailure(.badRequest, "body is not {\"set\": <int>, \"state\": \"<letters>\"}"))
            }
        }
        if body.set == nil, let raw = request.queryValue("set") {
            guard let value = Int(raw) else {
                return .failure(AdminFailure(.badRequest, "set '\(raw)' is not an integer"))
            }
            body.set = value
        }
        if body.state == nil { body.state = request.queryValue("state") }
        guard let set = body.set else { return .failure(AdminFailure(.badRequest, "missing 'set'")) }
        guard let state = body.state else { return .failure(AdminFailure(.badRequest, "missing 'state'")) }
        return .success((set, state))
    }
}
