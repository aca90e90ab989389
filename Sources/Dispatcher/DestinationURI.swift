/// The minimal check a destination URI gets when a list is read.
///
/// Kamailio resolves and parses each URI at load time and skips (or refuses) the
/// ones it cannot use; we have no DNS in the core, so we check the shape instead:
/// `sip:` or `sips:`, an optional `user@`, a host (name, IPv4, or IPv6 in
/// brackets), an optional `:port` 1–65535 and optional `;parameters`.
enum DestinationURI {
    /// Why a URI was refused: the offset of the offending part in the text as
    /// written, in characters, and what was expected there.
    struct Problem: Error {
        var offset: Int
        var message: String
    }

    /// The URI with `sip:` prepended when the text has no `sip:`/`sips:` scheme, as
    /// Kamailio does, or the first problem found.
    static func normalized(_ text: Substring) -> Result<String, Problem> {
        let lowered = text.lowercased()
        let scheme: Int
        if lowered.hasPrefix("sip:") {
            scheme = 4
        } else if lowered.hasPrefix("sips:") {
            scheme = 5
        } else if let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") {
            return .failure(Problem(offset: 0, message: "expected a sip: or sips: URI, found scheme '\(text[..<colon])'"))
        } else {
            scheme = 0
        }
        let missingHost = scheme == 0 ? "expected a host at the start of the URI" : "expected a host after '\(text.prefix(scheme))'"
        if let problem = Self.checkAfterScheme(text.dropFirst(scheme), offset: scheme, missingHost: missingHost) {
            return .failure(problem)
        }
        return .success(scheme == 0 ? "sip:\(text)" : String(text))
    }

    /// Checks `[user@]host[:port][;params]`; `offset` is where `rest` starts in the
    /// text as written; `missingHost` is the message when no host follows the scheme.
    private static func checkAfterScheme(_ rest: Substring, offset: Int, missingHost: String) -> Problem? {
        var rest = rest
        var offset = offset
        var missingHost = missingHost
        if let at = rest.firstIndex(of: "@") {
            let user = rest[..<at]
            guard !user.isEmpty else { return Problem(offset: offset, message: "expected a user name before '@'") }
            offset += user.count + 1
            rest = rest[rest.index(after: at)...]
            missingHost = "expected a host after '@'"
        }

        let host: Substring
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else {
                return Problem(offset: offset, message: "expected ']' to close the IPv6 address, found '\(rest)'")
            }
            let address = rest[rest.index(after: rest.startIndex)..<close]
            guard address.contains(":"), address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return Problem(offset: offset + 1, message: "expected an IPv6 address inside '[ ]', found '\(address)'")
            }
            host = rest[...close]
        } else {
            host = rest.prefix(while: { $0 != ":" && $0 != ";" })
            guard !host.isEmpty else { return Problem(offset: offset, message: missingHost) }
            if let bad = host.firstIndex(where: { !Self.isHostCharacter($0) }) {
                return Problem(offset: offset + host.distance(from: host.startIndex, to: bad),
                               message: "expected a host name or IP address, found '\(host)'")
            }
        }
        offset += host.count
        rest = rest[host.endIndex...]

        if rest.first == ":" {
            let port = rest.dropFirst().prefix(while: { $0 != ";" })
            guard let number = port.unsignedDecimal, (1...65535).contains(number) else {
                return Problem(offset: offset + 1, message: "expected a port number 1-65535 after ':', found '\(port)'")
            }
            offset += 1 + port.count
            rest = rest[port.endIndex...]
        }

        if rest.isEmpty { return nil }
        guard rest.first == ";" else {
            return Problem(offset: offset, message: "expected ':port' or ';parameters' after the host, found '\(rest)'")
        }
        guard rest.count > 1 else { return Problem(offset: offset + 1, message: "expected a URI parameter after ';'") }
        return nil
    }

    /// Letters, digits, `-`, `.` and `_` (container and compose names use it).
    private static func isHostCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "." || c == "_")
    }

    /// A host as a URI writes it: IPv6 addresses go in brackets.
    static func uriHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
