/// The parts of a SIP URI that Kamailio's algorithms 1–3 hash: the user, and the
/// host with `:port` only when a port is written and differs from the scheme's
/// default (5060 for sip, 5061 for sips). Scheme, parameters and display name are
/// not hashed; case is kept.
enum URIHashKey {
    /// `H(user, hostport)`, or `H(user)` when `userOnly` (module `flags & 1`).
    /// Returns nil when the text holds no URI with a host.
    static func hash(_ text: String, userOnly: Bool) -> UInt32? {
        var text = text
        return text.withUTF8 { all -> UInt32? in
            guard let uri = Self.split(all) else { return nil }
            let user = UnsafeBufferPointer(rebasing: all[uri.user])
            if userOnly { return KamailioHash.hash(bytes: user) }
            let hostEnd = uri.portIsDefault ? uri.host.upperBound : uri.port.upperBound
            return KamailioHash.hash(bytes: user, UnsafeBufferPointer(rebasing: all[uri.host.lowerBound..<hostEnd]))
        }
    }

    struct Parts {
        var user: Range<Int>
        var host: Range<Int>
        /// Includes the leading `:`; empty when no port is written.
        var port: Range<Int>
        var portIsDefault: Bool
    }

    /// Finds the URI inside `<…>` when there is one, then its user, host and port.
    static func split(_ b: UnsafeBufferPointer<UInt8>) -> Parts? {
        var start = 0
        var end = b.count
        if let lt = b.firstIndex(of: UInt8(ascii: "<")) {
            start = lt + 1
            end = b[start...].firstIndex(of: UInt8(ascii: ">")) ?? b.count
        }
        while start < end, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 || b[end - 1] == 0x0D || b[end - 1] == 0x0A { end -= 1 }
        guard let colon = b[start..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = b[start..<colon]
        let isSIPS = scheme.count == 4 && (scheme.last == UInt8(ascii: "s") || scheme.last == UInt8(ascii: "S"))
        var p = colon + 1
        // The URI ends at the first ';' (params) or '?' (headers).
        var uriEnd = p
        while uriEnd < end, b[uriEnd] != UInt8(ascii: ";"), b[uriEnd] != UInt8(ascii: "?") { uriEnd += 1 }
        var user = p..<p
        if let at = b[p..<uriEnd].lastIndex(of: UInt8(ascii: "@")) {
            // A password (`user:secret@`) is not part of the hashed user.
            let pw = b[p..<at].firstIndex(of: UInt8(ascii: ":")) ?? at
            user = p..<pw
            p = at + 1
        }
        var hostEnd = p
        if p < uriEnd, b[p] == UInt8(ascii: "[") {
            hostEnd = (b[p..<uriEnd].firstIndex(of: UInt8(ascii: "]")) ?? (uriEnd - 1)) + 1
        } else {
            while hostEnd < uriEnd, b[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
        }
        guard hostEnd > p else { return nil }
        let port = hostEnd..<uriEnd
        var portIsDefault = true
        if port.count > 1 {
            var value = 0
            for c in b[(port.lowerBound + 1)..<port.upperBound] {
                guard c >= 0x30, c <= 0x39 else { value = -1; break }
                value = value * 10 + Int(c - 0x30)
                if value > 65_535 { break }
            }
            portIsDefault = value == (isSIPS ? 5061 : 5060)
        }
        return Parts(user: user, host: p..<hostEnd, port: port, portIsDefault: portIsDefault)
    }
}

extension KamailioHash {
    /// `H(trim(text))` without copying: Kamailio trims the Call-ID and `hash_pvar` value.
    static func hashTrimmed(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { b in
            var lo = 0
            var hi = b.count
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 || b[lo] == 0x0D || b[lo] == 0x0A { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D || b[hi - 1] == 0x0A { hi -= 1 }
            return KamailioHash.hash(bytes: UnsafeBufferPointer(rebasing: b[lo..<hi]))
        }
    }
}
