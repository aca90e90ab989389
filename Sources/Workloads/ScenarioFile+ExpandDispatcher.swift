import Dispatcher

extension DispatcherConfiguration {
    /// Every setting, in the order docs/scenarios.md lists them.
    func writeYAML(into out: inout ScenarioYAMLText) {
        let span = ScenarioUnits.format as (TimeSpan) -> String
        let bool = ScenarioYAMLText.bool
        out.line(0, "dispatcher:")
        out.line(1, "probing:")
        out.line(2, "mode: \(self.probingMode.rawValue)")
        out.line(2, "interval: \(span(self.pingInterval))")
        out.line(2, "timeout: \(span(self.pingTimeout))")
        out.line(2, "threshold: \(self.probingThreshold)")
        out.line(2, "inactive_threshold: \(self.inactiveThreshold)")
        out.line(2, "reply_codes: \(Self.codeList(self.pingReplyCodes.codes, classes: self.pingReplyCodes.classes))")
        out.line(2, "latency_stats: \(bool(self.pingLatencyStats))")
        out.line(2, "latency_alpha: \(self.latencyEstimatorAlpha)")
        out.line(1, "failover:")
        let timeout = self.failover.onTimeout ? ["timeout"] : []
        let when = Self.codeList(self.failover.codes, classes: self.failover.classes, first: timeout)
        out.line(2, "when: \(when)")
        out.line(2, "max_attempts: \(self.failover.maxAttempts)")
        out.line(2, "invite_timeout: \(span(self.failover.inviteTimeout))")
        out.line(2, "mark: \(self.markOnFailure.map(Self.letters) ?? "none")")
        out.line(2, "reevaluate: \(bool(self.reevaluateOnFailover))")
        out.line(1, "passive:")
        out.line(2, "consecutive_failures: \(self.passive.consecutiveFailures)")
        out.line(2, "error_ratio: \(ScenarioUnits.format(number: self.passive.errorRatio))")
        out.line(2, "min_attempts: \(self.passive.minimumAttempts)")
        out.line(2, "window: \(span(self.passive.window))")
        out.line(2, "reinstate_after: \(span(self.passive.reinstateAfter))")
        out.line(1, "limit: \(self.limit)")
        out.line(1, "use_default: \(bool(self.useDefault))")
        out.line(1, "hash_user_only: \(bool(self.hashUserOnly))")
        out.line(1, "slow_start: \(span(self.slowStart))")
        out.line(1, "panic_threshold: \(ScenarioUnits.format(number: self.panicThreshold))")
        out.line(1, "max_pending: \(self.maxPending)")
        out.line(1, "call_expire: \(span(self.callExpire))")
        out.line(1, "call_init_expire: \(span(self.callInitExpire))")
        out.line(1, "call_check_interval: \(span(self.callCheckInterval))")
    }

    /// `[first…, codes ascending, classes ascending as Nxx]`.
    static func codeList(_ codes: Set<Int>, classes: Set<Int>, first: [String] = []) -> String {
        ScenarioYAMLText.flow(first + codes.sorted().map(String.init) + classes.sorted().map { "\($0)xx" })
    }

    /// `ds_mark_dst` letters: the base state (a, i, t, d) and `p` when probing.
    static func letters(_ flags: StateFlags) -> String {
        String(flags.baseLetter).lowercased() + (flags.contains(.probing) ? "p" : "")
    }
}
