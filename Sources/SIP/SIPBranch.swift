/// Via branch values (RFC 3261 section 8.1.1.7): the magic cookie `z9hG4bK` marks a
/// branch as unique per transaction, which RFC 3261 transaction matching relies on.
/// Randomness comes from the caller so tests and simulations stay reproducible.
public enum SIPBranch {
    public static let magicCookie = "z9hG4bK"

    /// `z9hG4bK` followed by 32 lowercase hex digits from two draws of `generator`.
    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        make(random: generator.next(), generator.next())
    }

    /// `z9hG4bK` followed by the hex of the given random words (16 digits each).
    public static func make(random words: UInt64...) -> String {
        var text = magicCookie
        for word in words {
            let hex = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
    }

    /// True when `branch` carries the RFC 3261 magic cookie.
    public static func isRFC3261(_ branch: String) -> Bool {
        branch.hasPrefix(magicCookie)
    }
}
