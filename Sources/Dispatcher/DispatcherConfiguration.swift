/// How the dispatcher routes, probes, marks and fails over: Kamailio's modparams
/// under their Kamailio names where they mirror one, plus the health features
/// Kamailio lacks (passive health, slow start, panic routing).
public struct DispatcherConfiguration: Hashable, Sendable {
    // MARK: Selection

    /// `use_default`: the last index (lowest priority) is only used when no other entry is selectable.
    public var useDefault = false
    /// Module `flags & 1`: hash algorithms 1–3 use the URI user only.
    public var hashUserOnly = false
    /// `limit` for the failover list, counting the selected entry; 0 means no limit.
    public var limit = 0
    /// Re-evaluate at each failover: skip candidates that went down since the selection.
    /// Kamailio's list is a snapshot and does not re-check (`ds_next_dst`).
    public var reevaluateOnFailover = false

    // MARK: Probing (keepalives)

    /// `ds_ping_interval`; zero turns probing off.
    public var pingInterval = TimeSpan.zero
    /// How long a probe may wait for a reply before it counts as a failure (TM `fr_timer` for pings).
    public var pingTimeout = TimeSpan.seconds(2)
    /// `ds_probing_mode`.
    public var probingMode = ProbingMode.flagged
    /// `ds_probing_threshold`: consecutive failures from A to I.
    public var probingThreshold = 1
    /// `ds_inactive_threshold`: consecutive successes from I back to A.
    public var inactiveThreshold = 1
    /// `ds_ping_reply_codes`: replies besides 2xx that count as up.
    public var pingReplyCodes = ReplyCodeSet()
    /// `ds_ping_latency_stats`: feed probe round-trip times into the latency estimator.
    public var pingLatencyStats = false
    /// `ds_latency_estimator_alpha` in thousandths (default 900).
    public var latencyEstimatorAlpha = 900

    // MARK: Failover and marking

    /// Which call outcomes fail over to the next candidate.
    public var failover = FailoverPolicy()
    /// What `ds_mark_dst` does on a failed-over attempt; nil leaves health to probes and passive checks.
    /// Kamailio's usual recipe marks `ip` (inactive + probing) at once; `tp` goes through the threshold.
    public var markOnFailure: StateFlags? = nil

    // MARK: Beyond Kamailio

    /// Take destinations out on real-traffic failures.
    public var passive = PassiveHealth()
    /// A recovered destination's share ramps up linearly over this time (zero: off).
    /// Applies to the weight- and load-driven algorithms; Kamailio's hash and round-robin
    /// choices stay bit-exact.
    public var slowStart = TimeSpan.zero
    /// When fewer than this fraction of a set's non-disabled destinations are up,
    /// route over all non-disabled destinations instead of refusing, without
    /// failover; and real-traffic failures may not push the set below it (zero: off).
    public var panicThreshold = 0.0
    /// Admission control: a destination with this many INVITE attempts awaiting a
    /// final answer takes no new call, and when all are there the call is refused
    /// at once (503) instead of joining the queue (zero: off). Under overload this
    /// sheds load cheaply where timeouts and retransmissions would multiply it.
    public var maxPending = 0

    // MARK: Call load (algorithm 10 and the load-driven policies)

    /// `ds_hash_expire`: a tracked call is dropped this long after its INVITE.
    public var callExpire = TimeSpan.seconds(7200)
    /// `ds_hash_initexpire`: an unanswered tracked call is dropped after this long.
    public var callInitExpire = TimeSpan.seconds(7200)
    /// `ds_hash_check_interval`.
    public var callCheckInterval = TimeSpan.seconds(30)

    public init() {}
}

/// `ds_probing_mode`: which destinations get keepalives and what their replies do.
public enum ProbingMode: Int, Hashable, Sendable, CaseIterable {
    /// 0: only entries with the P bit; a reply clears P.
    case flagged = 0
    /// 1: every entry that is not disabled, continuously.
    case all = 1
    /// 2: only inactive entries with P (recovery only).
    case inactiveOnly = 2
    /// 3: entries with P, which keeps its P bit whatever the reply.
    case onlyFlagged = 3
}

/// `ds_ping_reply_codes`: `code=403;class=3`.
public struct ReplyCodeSet: Hashable, Sendable {
    public var codes: Set<Int> = []
    /// Classes 1–6 (3 means 300–399).
    public var classes: Set<Int> = []

    public init(codes: Set<Int> = [], classes: Set<Int> = []) {
        self.codes = codes
        self.classes = classes
    }

    /// Any 2xx counts as up; configured codes and classes too.
    @inlinable public func countsAsUp(_ code: Int) -> Bool {
        (200...299).contains(code) || self.codes.contains(code) || self.classes.contains(code / 100)
    }
}

/// Which outcomes of an attempt send the call to the next candidate.
public struct FailoverPolicy: Hashable, Sendable {
    /// Fail over when no final reply comes within `inviteTimeout`.
    public var onTimeout = true
    /// Reply codes that fail over (e.g. 486, 503).
    public var codes: Set<Int> = [500, 502, 503, 504]
    /// Reply classes that fail over (5 means any 5xx).
    public var classes: Set<Int> = []
    /// Attempts per call including the first; 1 means no failover.
    public var maxAttempts = 3
    /// How long an attempt may go without a final reply.
    public var inviteTimeout = TimeSpan.seconds(4)

    public init() {}

    @inlinable public func failsOver(code: Int) -> Bool {
        self.codes.contains(code) || self.classes.contains(code / 100)
    }
}

/// Passive health: real calls, not probes, take a destination out.
public struct PassiveHealth: Hashable, Sendable {
    /// Consecutive failed attempts (timeouts or failover codes) that mark it inactive; 0 is off.
    public var consecutiveFailures = 0
    /// Error ratio over `window` that marks it inactive; 0 is off.
    public var errorRatio = 0.0
    /// Attempts needed in the window before the ratio counts.
    public var minimumAttempts = 20
    /// The sliding window for the error ratio.
    public var window = TimeSpan.seconds(10)
    /// When nothing probes it, a passively ejected destination comes back after this long.
    public var reinstateAfter = TimeSpan.seconds(30)

    public init() {}

    public var isEnabled: Bool { self.consecutiveFailures > 0 || self.errorRatio > 0 }
}
