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
/// allocates nothing; longer lists spill into an array. The inline part is a
/// SIMD vector rather than an `InlineArray`: a plain value, which the compiler
/// copies and destroys with a few moves instead of generic value-witness calls,
/// and indexes without a call.
public struct CandidateList: Sendable, RandomAccessCollection {
    public static let inlineCapacity = 16
    @usableFromInline var inline = SIMD16<UInt32>()
    @usableFromInline var overflow: [UInt32] = []
    public private(set) var count: Int = 0

    public init() {}

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { self.count }

    @inlinable public subscript(position: Int) -> DestinationHandle {
        precondition(position >= 0 && position < self.count, "candidate index out of range")
        if position < Self.inlineCapacity { return DestinationHandle(slot: self.inlineSlot(position)) }
        return DestinationHandle(slot: self.overflow[position - Self.inlineCapacity])
    }

    @inlinable func inlineSlot(_ i: Int) -> UInt32 { self.inline[i] }

    @inline(__always)
    mutating func append(_ slot: UInt32) {
        if self.count < Self.inlineCapacity {
            self.inline[self.count] = slot
            self.count &+= 1
        } else {
            self.spill(slot)
        }
    }

    @inline(never)
    private mutating func spill(_ slot: UInt32) {
        self.overflow.append(slot)
        self.count += 1
    }

    /// Empties the list, keeping a spilled array's storage for the next selection.
    mutating func removeAll() {
        self.count = 0
        if !self.overflow.isEmpty { self.overflow.removeAll(keepingCapacity: true) }
    }

    func contains(slot: UInt32) -> Bool {
        for i in 0..<Swift.min(self.count, Self.inlineCapacity) where self.inlineSlot(i) == slot { return true }
        return self.overflow.contains(slot)
    }
}

/// The outcome of a selection, which the driver keeps for the life of the call's
/// INVITE transaction and hands back on each failure (Kamailio keeps the same
/// thing in the `_dsdst_` XAVP).
public struct Selection: Sendable {
    public var setID = 0
    public var algorithm = Algorithm.roundRobin
    /// The chosen destination first, then the failover order (capped by `limit`).
    public var candidates = CandidateList()
    /// Algorithm 12: send to every candidate at once instead of one after another.
    public var isParallel = false
    /// How many attempts have been made so far (1 after the first INVITE).
    public internal(set) var attempts = 0
    /// Position in `candidates` of the destination being tried now.
    public internal(set) var position = 0
    /// Chosen in panic mode (too few destinations up): no failover then, so that an
    /// overload is not multiplied by retries onto destinations just as loaded.
    public internal(set) var panicked = false

    /// An empty selection, for `Dispatcher.select(_:now:into:using:)` to fill.
    public init() {}

    /// Starts over for a new selection, keeping the candidate storage.
    mutating func reset(setID: Int, algorithm: Algorithm) {
        self.setID = setID
        self.algorithm = algorithm
        self.candidates.removeAll()
        self.isParallel = false
        self.attempts = 0
        self.position = 0
        self.panicked = false
    }

    /// The destination to send the first INVITE to.
    @inlinable public var primary: DestinationHandle { self.candidates[0] }
    /// The destination currently being tried.
    @inlinable public var current: DestinationHandle { self.candidates[self.position] }
}
