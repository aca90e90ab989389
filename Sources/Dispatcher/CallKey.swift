/// The identity of a call for load tracking: 64 bits, not the Call-ID text, so
/// the call table hashes an integer on every INVITE, answer and BYE.
///
/// Live mode derives it from the Call-ID (`init(callID:)`); the simulator numbers
/// its calls. Two Call-IDs sharing a key would share one load entry; with a
/// 64-bit mix that takes billions of concurrent calls to become likely.
public struct CallKey: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64

    @inlinable public init(_ value: UInt64) { self.value = value }

    /// The key of a Call-ID, trimmed as Kamailio trims it.
    public init(callID: String) {
        self.value = Rendezvous.hash(callID.trimmingASCIIWhitespace())
    }

    public var description: String { "call-\(self.value)" }
}
