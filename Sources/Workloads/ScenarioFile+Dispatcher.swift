import Dispatcher

/// The `dispatcher:` section: `DispatcherConfiguration` under Kamailio-like names.
/// Whatever a file leaves out keeps the core's default (`DispatcherConfiguration()`),
/// so a scenario and the live proxy start from the same settings.
extension ScenarioReader {
    static let dispatcherKeys = [
        "probing", "failover", "passive", "limit", "use_default", "hash_user_only", "slow_start",
        "panic_threshold", "max_pending", "call_expire", "call_init_expire", "call_check_interval",
    ]
    static let probingKeys = ["mode", "interval", "timeout", "threshold", "inactive_threshold", "reply_codes", "latency_stats", "latency_alpha"]
    static let failoverKeys = ["when", "max_attempts", "invite_timeout", "mark", "reevaluate"]
    static let passiveKeys = ["consecutive_failures", "error_ratio", "min_attempts", "window", "reinstate_after"]

    /// `ds_probing_mode` names, for those who prefer words to 0–3.
    static let probingModeNames: [String: ProbingMode] = [
        "flagged": .flagged, "all": .all, "inactive-only": .inactiveOnly, "only-flagged": .onlyFlagged,
    ]

    func dispatcher(_ node: ScenarioNode) throws(ScenarioError) -> DispatcherConfiguration {
        let map = try node.mapping("a mapping with probing, failover, passive, …")
        try map.checkKeys(Self.dispatcherKeys)
        var c = DispatcherConfiguration()
        if let probing = map["probing"] { try Self.probing(probing, into: &c) }
        if let failover = map["failover"] { try Self.failover(failover, into: &c) }
        if let passive = map["passive"] { c.passive = try Self.passive(passive, over: c.passive) }
        if let n = map["limit"] { c.limit = try n.int("an integer 0 or more (0: no limit)", in: 0...Int.max) }
        if let n = map["use_default"] { c.useDefault = try n.bool() }
        if let n = map["hash_user_only"] { c.hashUserOnly = try n.bool() }
        if let n = map["slow_start"] { c.slowStart = try n.timeSpan() }
        if let n = map["panic_threshold"] { c.panicThreshold = try n.fraction() }
        if let n = map["max_pending"] { c.maxPending = try n.int("an integer 0 or more (0: no limit)", in: 0...Int.max) }
        if let n = map["call_expire"] { c.callExpire = try n.timeSpan(positive: true) }
        if let n = map["call_init_expire"] { c.callInitExpire = try n.timeSpan(positive: true) }
        if let n = map["call_check_interval"] { c.callCheckInterval = try n.timeSpan(positive: true) }
        return c
    }

    private static func probing(_ node: ScenarioNode, into c: inout DispatcherConfiguration) throws(ScenarioError) {
        let map = try node.mapping("a mapping like {mode: 1, interval: 10s}")
        try map.checkKeys(Self.probingKeys)
        if let n = map["mode"] {
            let what = "a probing mode 0-3 (or flagged, all, inactive-only, only-flagged)"
            let text = try n.text(what)
            guard let mode = Int(text).flatMap(ProbingMode.init(rawValue:)) ?? Self.probingModeNames[text] else {
                throw n.expected(what)
            }
            c.probingMode = mode
        }
        if let n = map["interval"] { c.pingInterval = try n.timeSpan() }
        if let n = map["timeout"] { c.pingTimeout = try n.timeSpan(positive: true) }
        if let n = map["threshold"] { c.probingThreshold = try n.int("an integer 1 or more", in: 1...Int.max) }
        if let n = map["inactive_threshold"] { c.inactiveThreshold = try n.int("an integer 1 or more", in: 1...Int.max) }
        if let n = map["reply_codes"] { c.pingReplyCodes = try Self.replyCodes(n) }
        if let n = map["latency_stats"] { c.pingLatencyStats = try n.bool() }
        if let n = map["latency_alpha"] { c.latencyEstimatorAlpha = try n.int("an integer 0-1000 (thousandths)", in: 0...1000) }
    }

    /// `reply_codes`: Kamailio's `code=404;class=3` text, or a list like `[404, 3xx]`.
    private static func replyCodes(_ node: ScenarioNode) throws(ScenarioError) -> ReplyCodeSet {
        var set = ReplyCodeSet()
        if node.isList {
            for item in try node.list("a list of reply codes and classes") {
                let text = try item.text("a reply code like 404 or a class like 3xx")
                if let cls = Self.replyClass(text) {
                    set.classes.insert(cls)
                } else {
                    set.codes.insert(try item.int("a reply code 100-699 or a class like 3xx", in: 100...699))
                }
            }
            return set
        }
        let what = "Kamailio's `code=404;class=3` or a list like [404, 3xx]"
        let text = try node.text(what)
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingASCIIWhitespaces }
            guard parts.count == 2, let value = Int(parts[1]) else { throw node.expected(what) }
            switch parts[0] {
            case "code" where (100...699).contains(value): set.codes.insert(value)
            case "class" where (1...6).contains(value): set.classes.insert(value)
            default: throw node.expected(what)
            }
        }
        return set
    }

    /// `3xx` → 3.
    static func replyClass(_ text: String) -> Int? {
        guard text.count == 3, text.lowercased().hasSuffix("xx"), let digit = text.first?.wholeNumberValue,
              (1...6).contains(digit) else { return nil }
        return digit
    }

    private static func failover(_ node: ScenarioNode, into c: inout DispatcherConfiguration) throws(ScenarioError) {
        let map = try node.mapping("a mapping like {when: [timeout, 503], max_attempts: 3}")
        try map.checkKeys(Self.failoverKeys)
        if let n = map["when"] {
            var policy = c.failover
            policy.onTimeout = false
            policy.codes = []
            policy.classes = []
            for item in try n.list("a list like [timeout, 486, 503, 5xx]") {
                let text = try item.text("timeout, a reply code 300-699 or a class like 5xx")
                if text == "timeout" {
                    policy.onTimeout = true
                } else if let cls = Self.replyClass(text), cls >= 3 {
                    policy.classes.insert(cls)
                } else {
                    policy.codes.insert(try item.int("timeout, a reply code 300-699 or a class like 5xx", in: 300...699))
                }
            }
            c.failover = policy
        }
        if let n = map["max_attempts"] { c.failover.maxAttempts = try n.int("an integer 1 or more (1: no failover)", in: 1...Int.max) }
        if let n = map["invite_timeout"] { c.failover.inviteTimeout = try n.timeSpan(positive: true) }
        if let n = map["reevaluate"] { c.reevaluateOnFailover = try n.bool() }
        if let n = map["mark"] {
            let what = "`none` or state letters for ds_mark_dst, like ip (inactive, probing) or tp (trying, probing)"
            let text = try n.text(what)
            if text == "none" {
                c.markOnFailure = nil
            } else {
                guard let flags = StateFlags(letters: text) else { throw n.expected(what) }
                c.markOnFailure = flags
            }
        }
    }

    private static func passive(_ node: ScenarioNode, over base: PassiveHealth) throws(ScenarioError) -> PassiveHealth {
        let map = try node.mapping("a mapping like {consecutive_failures: 5}")
        try map.checkKeys(Self.passiveKeys)
        var p = base
        if let n = map["consecutive_failures"] { p.consecutiveFailures = try n.int("an integer 0 or more (0: off)", in: 0...Int.max) }
        if let n = map["error_ratio"] { p.errorRatio = try n.fraction() }
        if let n = map["min_attempts"] { p.minimumAttempts = try n.int("an integer 1 or more", in: 1...Int.max) }
        if let n = map["window"] { p.window = try n.timeSpan(positive: true) }
        if let n = map["reinstate_after"] { p.reinstateAfter = try n.timeSpan(positive: true) }
        return p
    }
}

extension Substring {
    /// The text without surrounding spaces and tabs.
    fileprivate var trimmingASCIIWhitespaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
