extension ProxyMetrics {
    /// Metric names, in one place so the exposition and the docs agree.
    enum Name {
        static let received = "sip_messages_received_total"
        static let malformed = "sip_messages_malformed_total"
        static let forwarded = "sip_requests_forwarded_total"
        static let calls = "sip_calls_total"
        static let state = "dispatcher_destination_state"
        static let activeCalls = "dispatcher_destination_active_calls"
        static let failovers = "dispatcher_failovers_total"
        static let probes = "dispatcher_probes_total"
        static let transactions = "sip_transactions_active"
    }

    /// `kind` of `sip_messages_received_total`.
    public enum MessageKind: String, CaseIterable, Sendable {
        case request, response
    }

    /// `outcome` of `sip_calls_total`: answered (2xx), failed (no destination answered),
    /// or refused by us with 503 because no destination was selectable.
    public enum CallOutcome: String, CaseIterable, Sendable {
        case answered, failed
        case rejected503 = "rejected_503"
    }

    /// `result` of `dispatcher_probes_total`.
    public enum ProbeResult: String, CaseIterable, Sendable {
        case ok, fail, timeout
    }
}

/// The `method` label for forwarded requests: the methods a dispatcher sees in
/// practice, and `other` for the rest so the label set stays bounded.
enum SIPMethodLabel {
    static let known: Set<String> = [
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE",
        "INFO", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH",
    ]

    static func label(for method: String) -> String {
        let upper = method.uppercased()
        return known.contains(upper) ? upper : "other"
    }
}
