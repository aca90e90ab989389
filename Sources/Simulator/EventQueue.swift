import Dispatcher

/// The future events of one simulated run, earliest first.
///
/// Events are ordered by (time, sequence number): events at the same instant
/// come out in the order they were scheduled, so a run does not depend on how
/// the structure breaks ties, and the same seed gives the same run. The pair is
/// packed into one 128-bit key, which compares without branches.
///
/// Most events of a call model are scheduled a fixed delay after `now` (an
/// INVITE timeout, a deterministic answer delay, a probe's round trip), so they
/// arrive already in time order. Such events can go into a *lane*: a FIFO that
/// costs O(1) each way. An event that would break a lane's order goes into the
/// binary heap instead, so lanes are only a speed hint and never change the order
/// events come out in. Everything else (hangups after random holding times) is
/// in a binary min-heap whose pop walks the hole to a leaf along the smaller
/// children (Floyd's variant) and moves entries instead of swapping them.
struct EventQueue<Payload>: ~Copyable {
    struct Entry {
        /// Time in the high 64 bits, sequence number in the low 64 bits.
        var key: UInt128
        var payload: Payload

        var time: Int64 { EventQueue.time(of: self.key) }
    }

    /// The time in a key's high 64 bits.
    private static func time(of key: UInt128) -> Int64 {
        Int64(truncatingIfNeeded: UInt64(truncatingIfNeeded: key &>> 64))
    }

    private var heap = UniqueArray<Entry>(capacity: 1024)
    private var lanes: UniqueArray<Lane>
    private var sequence: UInt64 = 0
    /// The earliest key and where it is: a lane index, `Self.inHeap`, or `Self.nowhere`.
    private var earliestKey: UInt128 = .max
    private var earliestSource = Self.nowhere

    private static var inHeap: Int { -1 }
    private static var nowhere: Int { -2 }

    /// A queue with `lanes` FIFO lanes (numbered from 0) beside the heap.
    init(lanes: Int = 0) {
        self.lanes = UniqueArray(repeating: Lane(), count: lanes)
    }

    deinit {
        for i in self.lanes.indices { self.lanes[i].deallocate() }
    }

    var isEmpty: Bool { self.earliestSource == Self.nowhere }
    var count: Int { self.heap.count + self.lanes.reduce(0) { $0 + $1.count } }

    /// The time of the earliest event.
    var nextTime: Int64? { self.isEmpty ? nil : Self.time(of: self.earliestKey) }

    /// Schedules `payload` at `time` (which must not be negative). With a `lane`,
    /// the event goes there when it is not earlier than the lane's last event.
    mutating func schedule(_ payload: Payload, at time: Instant, lane: Int? = nil) {
        let key = UInt128(UInt64(truncatingIfNeeded: time.nanoseconds)) &<< 64 | UInt128(self.sequence)
        self.sequence &+= 1
        let entry = Entry(key: key, payload: payload)
        var source = Self.inHeap
        if let lane, self.lanes[lane].append(entry) {
            source = lane
        } else {
            self.push(entry)
        }
        // A lane only takes an entry at its tail and the heap keeps its least at
        // the top, so an entry earlier than the earliest is now at its source's head.
        if key < self.earliestKey {
            self.earliestKey = key
            self.earliestSource = source
        }
    }

    /// The earliest event, removed.
    mutating func next() -> (time: Instant, payload: Payload)? {
        let source = self.earliestSource
        let entry: Entry
        if source >= 0 {
            entry = self.lanes[source].removeFirst()
        } else if source == Self.inHeap {
            entry = self.popHeap()
        } else {
            return nil
        }
        self.findEarliest()
        return (Instant(nanoseconds: entry.time), entry.payload)
    }

    private mutating func findEarliest() {
        var key = self.heap.isEmpty ? .max : self.heap[0].key
        var source = self.heap.isEmpty ? Self.nowhere : Self.inHeap
        for i in self.lanes.indices {
            if let head = self.lanes[i].firstKey, head < key {
                key = head
                source = i
            }
        }
        self.earliestKey = key
        self.earliestSource = source
    }

    private mutating func push(_ entry: Entry) {
        self.heap.append(entry)
        self.heap.withUnsafeMutableBufferPointer { Self.rise(entry, from: $0.count - 1, in: $0) }
    }

    /// Moves the hole at `start` up past every parent later than `entry`, and puts `entry` there.
    @inline(__always)
    private static func rise(_ entry: Entry, from start: Int, in heap: UnsafeMutableBufferPointer<Entry>) {
        var hole = start
        while hole > 0 {
            let parent = (hole &- 1) &>> 1
            guard entry.key < heap[parent].key else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = entry
    }

    private mutating func popHeap() -> Entry {
        let last = self.heap.removeLast()
        guard !self.heap.isEmpty else { return last }
        return self.heap.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            // Walk the hole down to a leaf along the smaller children, one
            // branch-free comparison a level, then let `last` rise from there:
            // it came from the bottom, so it rarely rises far.
            let n = heap.count
            var hole = 0
            var child = 1
            while child &+ 1 < n {
                child &+= heap[child &+ 1].key < heap[child].key ? 1 : 0
                heap[hole] = heap[child]
                hole = child
                child = 2 &* hole &+ 1
            }
            if child < n {
                heap[hole] = heap[child]
                hole = child
            }
            Self.rise(last, from: hole, in: heap)
            return top
        }
    }

    /// A FIFO ring buffer of entries whose keys never decrease. Its memory is
    /// the queue's: `EventQueue`'s deinit frees it.
    private struct Lane {
        private var ring: UnsafeMutablePointer<Entry>?
        private var capacity = 0
        private var head = 0
        private(set) var count = 0
        private var lastKey: UInt128 = 0

        var firstKey: UInt128? { self.count == 0 ? nil : self.ring.unsafelyUnwrapped[self.head].key }

        /// Appends `entry` unless it is earlier than the last entry.
        mutating func append(_ entry: Entry) -> Bool {
            guard self.count == 0 || entry.key >= self.lastKey else { return false }
            if self.count == self.capacity { self.grow() }
            (self.ring.unsafelyUnwrapped + ((self.head &+ self.count) & (self.capacity &- 1))).initialize(to: entry)
            self.count &+= 1
            self.lastKey = entry.key
            return true
        }

        /// Doubles the ring, unrolled from `head`.
        private mutating func grow() {
            let capacity = Swift.max(16, self.capacity * 2)
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
            for i in 0..<self.count {
                (grown + i).initialize(to: (self.ring.unsafelyUnwrapped + ((self.head + i) & (self.capacity - 1))).move())
            }
            self.ring?.deallocate()
            self.ring = grown
            self.capacity = capacity
            self.head = 0
        }

        /// Removes and returns the first entry; the lane must not be empty.
        mutating func removeFirst() -> Entry {
            let entry = (self.ring.unsafelyUnwrapped + self.head).move()
            self.head = (self.head &+ 1) & (self.capacity &- 1)
            self.count &-= 1
            return entry
        }

        /// Frees the ring; the lane must not be used after.
        func deallocate() {
            guard let ring = self.ring else { return }
            for i in 0..<self.count { (ring + ((self.head + i) & (self.capacity - 1))).deinitialize(count: 1) }
            ring.deallocate()
        }
    }
}
