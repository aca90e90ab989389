import SIP

/// Messages the proxy writes itself: responses to a request, the ACK for a
/// non-2xx final response, CANCEL, and OPTIONS probes (RFC 3261 8.2.6, 17.1.1.3, 9.1).
enum SIPReplies {
    /// A response to `request`: its Via, From, To (with `toTag` if it has none),
    /// Call-ID and CSeq, and no body.
    static func response(to request: SIPMessage, code: Int, reason: String, toTag: String? = nil) -> [UInt8] {
        var headers: [SIPHeader] = request.headers.filter { $0.name == .via }
        for name in [SIPHeaderName.from, .to, .callID, .cseq] {
            guard let header = request.headers.first(where: { $0.name == name }) else { continue }
            if name == .to, let tag = toTag, (try? request.to)?.flatMap(\.tag) == nil {
                headers.append(SIPHeader(.to, header.text + ";tag=\(tag)"))
            } else {
                headers.append(header)
            }
        }
        headers.append(SIPHeader(.contentLength, "0"))
        return SIPMessage(startLine: .response(statusCode: code, reason: ArraySlice(reason.utf8)), headers: headers).serialized()
    }

    /// The ACK for a non-2xx final response: same Request-URI, top Via, From,
    /// Call-ID and CSeq number as the INVITE, To from the response.
    static func ack(for invite: SIPMessage, response: SIPMessage) -> [UInt8] {
        self.sameTransaction(invite, method: "ACK", to: response.headers.first { $0.name == .to })
    }

    /// CANCEL for an INVITE sent: same Request-URI, top Via, From, To, Call-ID, CSeq number.
    static func cancel(for invite: SIPMessage) -> [UInt8] {
        self.sameTransaction(invite, method: "CANCEL", to: nil)
    }

    private static func sameTransaction(_ invite: SIPMessage, method: String, to: SIPHeader?) -> [UInt8] {
        guard case .request(_, let uri) = invite.startLine else { return [] }
        var headers: [SIPHeader] = []
        if let top = (try? invite.via)?.first {
            let port = top.port.map { ":\($0)" } ?? ""
            headers.append(SIPHeader(.via, "SIP/2.0/\(top.transport) \(top.host)\(port);branch=\(top.branch ?? "")"))
        }
        headers.append(SIPHeader(.maxForwards, "70"))
        for name in [SIPHeaderName.from, .to, .callID] {
            if name == .to, let to {
                headers.append(to)
            } else if let h = invite.headers.first(where: { $0.name == name }) {
                headers.append(h)
            }
        }
        for route in invite.headers where route.name == .route { headers.append(route) }
        let number = ((try? invite.cseq)??.number).map(String.init) ?? "1"
        headers.append(SIPHeader(.cseq, "\(number) \(method)"))
        headers.append(SIPHeader(.contentLength, "0"))
        return SIPMessage(startLine: .request(method: method, uri: uri), headers: headers).serialized()
    }

    /// An OPTIONS keepalive to `uri` (R-URI and To), from `from`.
    static func options(uri: String, from: String, via: PeerAddress, transport: SIPTransport, branch: String, callID: String, tag: String) -> [UInt8] {
        let headers = [
            SIPHeader(.via, "SIP/2.0/\(transport.viaName) \(via.host):\(via.port);branch=\(branch)"),
            SIPHeader(.maxForwards, "70"),
            SIPHeader(.from, "<\(from)>;tag=\(tag)"),
            SIPHeader(.to, "<\(uri)>"),
            SIPHeader(.callID, callID),
            SIPHeader(.cseq, "1 OPTIONS"),
            SIPHeader(.contentLength, "0"),
        ]
        return SIPMessage(startLine: .request(method: "OPTIONS", uri: uri), headers: headers).serialized()
    }
}
