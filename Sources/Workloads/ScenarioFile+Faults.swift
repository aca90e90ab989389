import Dispatcher

/// The `faults:` list: what goes wrong, where and when.
///
/// Each fault names its destination by `target` (its name, URI host, duid or URI),
/// starts `at` a time from the start of the run and lasts `for` a while (to the end
/// of the run when omitted). Times must fall within the run, since a fault that
/// can never happen is almost certainly a typo.
extension ScenarioReader {
    static let faultKinds: [(name: String, keys: [String])] = [
        ("down", []),
        ("reject", ["code"]),
        ("reject-calls", ["code"]),
        ("slow", ["extra"]),
        ("flapping", ["period"]),
        ("capacity", ["channels"]),
        ("probe-loss", []),
    ]

    func faults(_ node: ScenarioNode, destinations: [DestinationModel]) throws(ScenarioError) -> [Fault] {
        var faults: [Fault] = []
        for item in try node.list("a list of faults like {target: gw2, kind: down, at: 20m, for: 15m}") {
            faults.append(try self.fault(item, destinations: destinations))
        }
        return faults
    }

    private func fault(_ node: ScenarioNode, destinations: [DestinationModel]) throws(ScenarioError) -> Fault {
        let map = try node.mapping("a fault like {target: gw2, kind: down, at: 20m, for: 15m}")
        let kinds = Self.faultKinds.map(\.name).joined(separator: ", ")
        let kindNode = try map.required("kind", kinds)
        let name = try kindNode.text("a fault kind")
        guard let kindKeys = Self.faultKinds.first(where: { $0.name == name })?.keys else {
            throw kindNode.error("unknown fault kind '\(name)' for `\(kindNode.path)`; expected one of: \(kinds)")
        }
        try map.checkKeys(["target", "kind", "at", "for"] + kindKeys)
        let target = try Self.target(try map.required("target", "the destination's name"), destinations: destinations)

        let kind: FaultKind
        switch name {
        case "down": kind = .down
        case "reject": kind = .reject(code: try map.required("code", "the reply code, e.g. 503").replyCode())
        case "reject-calls": kind = .rejectCalls(code: try map.required("code", "the reply code, e.g. 503").replyCode())
        case "slow": kind = .slow(extra: try map.required("extra", "the added answer delay, e.g. 2s").timeSpan(positive: true))
        case "flapping": kind = .flapping(period: try map.required("period", "the down+up cycle, e.g. 30s").timeSpan(positive: true))
        case "capacity":
            let capacity = destinations[target].capacity
            kind = .capacity(channels: try map.required("channels", "the channels that still work").int(
                "an integer 0 to the destination's capacity \(capacity)", in: 0...capacity))
        default: kind = .probeLoss
        }

        let atNode = try map.required("at", "when it starts, e.g. 20m")
        let start = try atNode.timeSpan()
        guard start < self.duration else {
            throw atNode.error("expected `\(atNode.path)` before the end of the run (\(ScenarioUnits.format(self.duration))), found \(atNode.found)")
        }
        var length = TimeSpan(nanoseconds: self.duration.nanoseconds - start.nanoseconds)
        if let forNode = map["for"] {
            length = try forNode.timeSpan(positive: true)
            guard start + length <= self.duration else {
                throw forNode.error("expected the fault to end by the end of the run (\(ScenarioUnits.format(self.duration))), but it ends at \(ScenarioUnits.format(start + length))")
            }
        }
        return Fault(target: target, kind: kind, start: start, duration: length)
    }

    /// The index of the destination `node` names: by name first, then by URI host,
    /// the host's first label (`gw2` for `gw2.example.net`, as people say it), duid
    /// or URI, refusing a word that fits none or several.
    static func target(_ node: ScenarioNode, destinations: [DestinationModel]) throws(ScenarioError) -> Int {
        let text = try node.text("a destination's name")
        let names = destinations.map(\.name).joined(separator: ", ")
        if let index = destinations.firstIndex(where: { $0.name == text }) { return index }
        let matches = destinations.indices.filter { i in
            let spec = destinations[i].spec
            let host = Self.host(of: spec.uri)
            return host == text || host == "[\(text)]" || Self.shortHost(host) == text || spec.attributes.duid == text
                || spec.uri == text || spec.uri == "sip:\(text)"
        }
        guard matches.count == 1, let index = matches.first else {
            let why = matches.isEmpty ? "no destination is called '\(text)'" : "'\(text)' fits several destinations"
            throw node.error("expected a destination for `\(node.path)`, but \(why); the destinations are: \(names)")
        }
        return index
    }

    /// The first label of a DNS name; nil for IP addresses, whose first number
    /// names nothing.
    static func shortHost(_ host: String) -> String? {
        guard !host.hasPrefix("["), host.contains(where: \.isLetter), let label = host.split(separator: ".").first else { return nil }
        return String(label)
    }
}
