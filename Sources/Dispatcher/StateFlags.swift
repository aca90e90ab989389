/// A destination's state bits, with Kamailio's values so list files carry over:
/// the base state is one of A (no bit), T (trying), I (inactive) or D (disabled),
/// and P (probing) is orthogonal.
public struct StateFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// I: not selectable; probes may bring it back.
    public static let inactive = StateFlags(rawValue: 1)
    /// T: selectable, with a failure count running.
    public static let trying = StateFlags(rawValue: 2)
    /// D: disabled by the admin: never selected, never probed.
    public static let disabled = StateFlags(rawValue: 4)
    /// P: send keepalive probes to it (depending on `ds_probing_mode`).
    public static let probing = StateFlags(rawValue: 8)
    /// Kamailio's "no DNS at load" flag: kept so a list round-trips, no effect here.
    public static let noDNS = StateFlags(rawValue: 16)

    /// The bits `ds_update_state` rewrites (`DS_STATES_ALL`).
    public static let states: StateFlags = [.inactive, .trying, .disabled, .probing]

    /// Selection skips I and D only: T stays selectable.
    @inlinable public var isSkipped: Bool { !self.isDisjoint(with: [.inactive, .disabled]) }

    /// The base state letter, with Kamailio's precedence I > D > T > A.
    public var baseLetter: Character {
        if self.contains(.inactive) { return "I" }
        if self.contains(.disabled) { return "D" }
        if self.contains(.trying) { return "T" }
        return "A"
    }

    /// The two-letter form `dispatcher.list` prints: base state, then `P` or `X`.
    public var description: String { "\(self.baseLetter)\(self.contains(.probing) ? "P" : "X")" }

    /// Reads the letters an admin gives `set_state`: `a`, `i`, `t`, `d` with an optional `p`,
    /// or Kamailio's numeric forms `0`–`3`. Returns nil for anything else.
    public init?(letters: String) {
        var flags: StateFlags = []
        var base = 0
        for ch in letters.lowercased() {
            switch ch {
            case "a", "0": base += 1
            case "i", "1": flags.insert(.inactive); base += 1
            case "t", "2": flags.insert(.trying); base += 1
            case "d", "3": flags.insert(.disabled); base += 1
            case "p": flags.insert(.probing)
            case "x": break
            default: return nil
            }
        }
        guard base <= 1, !letters.isEmpty else { return nil }
        self = flags
    }
}
