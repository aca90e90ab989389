/// A handle on one destination inside a `Dispatcher`.
///
/// Handles stay valid across reloads for destinations whose stable key is kept,
/// so a call in flight can still release its load on the destination it used.
public struct DestinationHandle: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let slot: UInt32
    @inlinable init(slot: UInt32) { self.slot = slot }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.slot < b.slot }
    public var description: String { "#\(self.slot)" }
}

/// The ordered candidates of one selection: the chosen destination first, then the
/// failover order, as Kamailio's `_dsdst_` XAVP list holds them.
///
/// Up to 16 candidates are stored inline, so a selection from an ordinary set
/// allocates nothing; longer lists spill into an array.
public struct CandidateList: Sendable, RandomAccessCollection {
    public static let inlineCapacity = 16
    @usableFromInline var inline: InlineArray<16, UInt32>
    @usableFromInline var overflow: [UInt32]
    public private(set) var count: Int

    public init() {
        self.inline = InlineArray(repeating: 0)
        self.overflow = []
        self.count = 0
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { self.count }

    @inlinable public subscript(position: Int) -> DestinationHandle {
        precondition(position >= 0 && position < self.count, "candidate index out of range")
        if position < Self.inlineCapacity { return DestinationHandle(slot: self.inline[position]) }
        return DestinationHandle(slot: self.overflow[position - Self.inlineCapacity])
    }

    mutating func append(_ slot: UInt32) {
        if self.count < Self.inlineCapacity {
            self.inline[self.count] = slot
        } else {
            self.overflow.append(slot)
        }
        self.count += 1
    }

    func contains(slot: UInt32) -> Bool {
        for i in 0..<Swift.min(self.count, Self.inlineCapacity) where self.inline[i] == slot { return true }
        return self.overflow.contains(slot)
    }
}

/// The outcome of a selection, which the driver keeps for the life of the call's
/// INVITE transaction and hands back on each failure (Kamailio keeps the same
/// thing in the `_dsdst_` XAVP).
public struct Selection: Sendable {
    public var setID: Int
    public var algorithm: Algorithm
    /// The chosen destination first, then the failover order (capped by `limit`).
    public var candidates: CandidateList
    /// Algorithm 12: send to every candidate at once instead of one after another.
    public var isParallel: Bool
    /// How many attempts have been made so far (1 after the first INVITE).
    public internal(set) var attempts: Int
    /// Position in `candidates` of the destination being tried now.
    public internal(set) var position: Int
    /// Chosen in panic mode (too few destinations up): no failover then, so that an
    /// overload is not multiplied by retries onto destinations just as loaded.
    public internal(set) var panicked = false

    /// The destination to send the first INVITE to.
    @inlinable public var primary: DestinationHandle { self.candidates[0] }
    /// The destination currently being tried.
    @inlinable public var current: DestinationHandle { self.candidates[self.position] }
}
