import Dispatcher

/// The `destinations:` list: for each destination, the `dispatcher.list` entry the
/// core sees and how the server behind it behaves.
extension ScenarioReader {
    /// The keys for how a destination behaves, which `destination_defaults` may set too.
    static let behaviourKeys = ["answer_delay", "cps", "error_ratio", "error_code"]
    /// The Kamailio attributes that have their own key.
    static let attributeKeys = ["duid", "weight", "rweight", "maxload", "latency", "cc", "socket", "sockname", "ping_from", "obproxy"]
    static let destinationKeys = ["id", "uri", "capacity"] + behaviourKeys + ["setid", "flags", "priority"] + attributeKeys + ["attrs"]

    /// How destinations behave when their entry does not say: the scenario's
    /// `destination_defaults`, else the model's defaults.
    struct Behaviour {
        var answerDelay: Distribution = .deterministic(0.1)
        var callsPerSecond: Double?
        var errorRatio = 0.0
        var errorCode = 503
    }

    /// Reads `destination_defaults`, or every key of it from an entry over `base`.
    func behaviour(_ map: ScenarioMapping, over base: Behaviour) throws(ScenarioError) -> Behaviour {
        var behaviour = base
        if let node = map["answer_delay"] { behaviour.answerDelay = try self.distribution(node) }
        if let node = map["cps"] { behaviour.callsPerSecond = try Self.callsPerSecond(node) }
        if let node = map["error_ratio"] { behaviour.errorRatio = try node.fraction() }
        if let node = map["error_code"] { behaviour.errorCode = try node.replyCode() }
        return behaviour
    }

    /// `cps: 20` or `cps: 20/s`: a positive rate of new calls.
    static func callsPerSecond(_ node: ScenarioNode) throws(ScenarioError) -> Double {
        let what = "a positive number of calls per second, like 20 or 20/s"
        let text = try node.text(what)
        let value = text.contains("/") ? try node.rate() : try node.double(what)
        guard value > 0 else { throw node.expected(what) }
        return value
    }

    /// The inline list.
    func destinations(_ node: ScenarioNode, setID: Int, defaults: Behaviour) throws(ScenarioError) -> [DestinationModel] {
        var models: [DestinationModel] = []
        let items = try node.list("a list of destinations like {uri: \"sip:gw1.example.net\", capacity: 100}")
        guard !items.isEmpty else { throw node.expected("at least one destination") }
        for item in items {
            models.append(try self.destination(item, setID: setID, defaults: defaults))
        }
        return models
    }

    private func destination(_ node: ScenarioNode, setID: Int, defaults: Behaviour) throws(ScenarioError) -> DestinationModel {
        let map = try node.mapping("a destination like {uri: \"sip:gw1.example.net\", capacity: 100}")
        try map.checkKeys(Self.destinationKeys)
        let uri = try Self.uri(try map.required("uri", "the destination's SIP URI"))
        if let setNode = map["setid"] {
            let given = try setNode.int("an integer 0 or more", in: 0...Int.max)
            guard given == setID else {
                throw setNode.error("expected setid \(setID) (the scenario's `set`: every call is routed over one set), found \(given)")
            }
        }
        var spec = DestinationSpec(setID: setID, uri: uri, location: node.location)
        if let flags = map["flags"] {
            spec.flags = StateFlags(rawValue: UInt8(try flags.int("flags 0-31 (1 inactive, 2 trying, 4 disabled, 8 probing, 16 no DNS)", in: 0...31)))
        }
        spec.priority = try map["priority"]?.int("a priority (an integer 0 or more)", in: 0...Int.max) ?? 0
        spec.attributes = try Self.attributes(map)
        let capacity = try map.required("capacity", "the concurrent calls it can hold").int("an integer 1 or more (channels)", in: 1...Int.max)
        spec.attributes.capacity = capacity
        spec.attributes.body = spec.attributes.fieldsText

        let behaviour = try self.behaviour(map, over: defaults)
        var name = spec.attributes.duid ?? Self.host(of: uri)
        if let idNode = map["id"] {
            name = try idNode.text("a name for reports and fault targets")
            guard !name.isEmpty, !name.contains(where: \.isNewline) else { throw idNode.expected("a non-empty name on one line") }
        }
        return DestinationModel(
            spec: spec, name: name, capacity: capacity, callsPerSecond: behaviour.callsPerSecond,
            answerDelay: behaviour.answerDelay, errorRatio: behaviour.errorRatio, errorCode: behaviour.errorCode)
    }

    /// The typed attribute keys and `attrs:` (any other Kamailio attribute).
    private static func attributes(_ map: ScenarioMapping) throws(ScenarioError) -> DestinationAttributes {
        var a = DestinationAttributes()
        a.weight = try map["weight"]?.int("a weight 1-100 (0: none)", in: 0...100) ?? 0
        a.rweight = try map["rweight"]?.int("an rweight 1-100 (0: none)", in: 0...100) ?? 0
        a.maxload = try map["maxload"]?.int("an integer 0 or more (0: no limit)", in: 0...Int.max) ?? 0
        if let node = map["duid"] { a.duid = try Self.attributeValue(node, "a unique id") }
        if let node = map["latency"] {
            let span = try node.timeSpan()
            guard span.nanoseconds % 1_000_000 == 0 else { throw node.expected("a whole number of milliseconds, like 20ms") }
            a.latency = Int(span.nanoseconds / 1_000_000)
        }
        if let node = map["cc"] { a.congestionControl = try node.bool() }
        if let node = map["socket"] { a.socket = try Self.attributeValue(node, "a socket like udp:10.0.0.1:5060") }
        if let node = map["sockname"] { a.sockname = try Self.attributeValue(node, "a socket name") }
        if let node = map["ping_from"] { a.pingFrom = try Self.attributeValue(node, "a SIP URI") }
        if let node = map["obproxy"] { a.obproxy = try Self.attributeValue(node, "a SIP URI") }
        if let node = map["attrs"] {
            let extra = try node.mapping("a mapping of other Kamailio attributes, like {region: eu}")
            for entry in extra.entries {
                let lowered = entry.key.lowercased()
                if Self.attributeKeys.contains(lowered) || lowered == "capacity" || lowered == "body" {
                    throw entry.keyNode.error("`\(entry.key)` has its own key on the destination; write it there instead of under `attrs`")
                }
                guard !entry.key.isEmpty, !entry.key.contains(where: { $0 == ";" || $0 == "=" || $0.isWhitespace }) else {
                    throw entry.keyNode.error("expected an attribute name without spaces, ';' or '=', found '\(entry.key)'")
                }
                a.extra.append(.init(name: entry.key, value: try Self.attributeValue(entry.value, "a value", allowEmpty: true)))
            }
        }
        return a
    }

    /// An attribute value that fits Kamailio's `attrs` field: no `;`, no spaces.
    private static func attributeValue(_ node: ScenarioNode, _ what: String, allowEmpty: Bool = false) throws(ScenarioError) -> String {
        let full = "\(what) without spaces or ';'"
        let text = try node.text(full)
        guard allowEmpty || !text.isEmpty, !text.contains(where: { $0 == ";" || $0.isWhitespace }) else { throw node.expected(full) }
        return text
    }

    /// Checks and normalises a URI with exactly the rules a `dispatcher.list` line
    /// gets, by reading it as a one-line list, so an inline destination and a list
    /// entry are refused for the same reasons; the column is moved back onto the
    /// scalar in the scenario file.
    static func uri(_ node: ScenarioNode) throws(ScenarioError) -> String {
        let what = "a SIP URI like sip:gw1.example.net:5060"
        let text = try node.text(what)
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "#" }) else { throw node.expected(what) }
        let prefix = "1 "
        let list: DestinationList
        do {
            list = try DestinationList(kamailioList: prefix + text, file: node.file)
        } catch {
            var location = node.location
            location.column += max(0, error.location.column - 1 - prefix.count) + (node.isQuoted ? 1 : 0)
            throw ScenarioError("\(error.message) in `\(node.path)`", at: location)
        }
        guard let uri = list.entries.first?.uri else { throw node.expected(what) }
        return uri
    }

    /// The host of a normalised URI: what names a destination by default.
    static func host(of uri: String) -> String {
        var rest = Substring(uri)
        if let colon = rest.firstIndex(of: ":") { rest = rest[rest.index(after: colon)...] }
        if let at = rest.firstIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.first == "[", let close = rest.firstIndex(of: "]") { return String(rest[...close]) }
        return String(rest.prefix(while: { $0 != ":" && $0 != ";" }))
    }
}
