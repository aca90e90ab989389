/// The checks a proxy needs before it acts on a message: the headers RFC 3261 section
/// 8.1.1 makes mandatory are present once and parse, and CSeq names the request's
/// method. Kept apart from parsing so that callers who only relay bytes do not pay
/// for it; the live proxy calls both.
extension SIPMessage {
    public func validate() throws(SIPParseError) {
        for name in [SIPHeaderName.callID, .cseq, .from, .to] {
            let count = headers.reduce(0) { $0 + ($1.name == name ? 1 : 0) }
            if count == 0 { throw .missingHeader(name) }
            if count > 1 { throw .duplicateHeader(name) }
        }
        if headers.reduce(0, { $0 + ($1.name == .maxForwards ? 1 : 0) }) > 1 {
            throw .duplicateHeader(.maxForwards)
        }
        guard let callID = firstValue(.callID), !callID.isEmpty,
              !callID.contains(where: { ASCII.isLWS($0) })
        else { throw .badHeaderValue(.callID) }
        let vias = try via
        if vias.isEmpty { throw .missingHeader(.via) }
        _ = try maxForwards
        _ = try from
        _ = try to
        _ = try route
        _ = try recordRoute
        _ = try contact
        guard let cseq = try cseq else { throw .missingHeader(.cseq) }
        if let method, method != cseq.method { throw .cseqMethodMismatch }
    }
}
