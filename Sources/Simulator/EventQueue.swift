import Dispatcher

/// The future events of one simulated run, earliest first.
///
/// A binary min-heap keyed by (time, sequence number): events at the same
/// instant come out in the order they were scheduled, so a run does not depend
/// on how the heap breaks ties, and the same seed gives the same run. Sifting
/// moves a hole instead of swapping, which matters at millions of events a second.
struct EventQueue<Payload> {
    private var entries: [Entry] = []
    private var sequence: UInt64 = 0
    /// An event that precedes everything in `entries`, kept out of the heap: an
    /// event scheduled ahead of all others (a reply due before any hangup, say)
    /// then costs no sifting at all.
    private var front: Entry?

    struct Entry {
        var time: Int64
        var sequence: UInt64
        var payload: Payload

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            self.time != other.time ? self.time < other.time : self.sequence < other.sequence
        }
    }

    var isEmpty: Bool { self.front == nil && self.entries.isEmpty }
    var count: Int { self.entries.count + (self.front == nil ? 0 : 1) }

    /// The time of the earliest event.
    var nextTime: Int64? { self.front?.time ?? self.entries.first?.time }

    mutating func schedule(_ payload: Payload, at time: Instant) {
        let entry = Entry(time: time.nanoseconds, sequence: self.sequence, payload: payload)
        self.sequence &+= 1
        if let front = self.front {
            if entry.precedes(front) {
                self.push(front)
                self.front = entry
            } else {
                self.push(entry)
            }
        } else if self.entries.isEmpty || entry.precedes(self.entries[0]) {
            self.front = entry
        } else {
            self.push(entry)
        }
    }

    private mutating func push(_ entry: Entry) {
        self.entries.append(entry)
        self.entries.withUnsafeMutableBufferPointer { Self.rise(entry, from: $0.count - 1, in: $0) }
    }

    /// Moves the hole at `hole` up past every parent `entry` precedes, and puts `entry` there.
    @inline(__always)
    private static func rise(_ entry: Entry, from start: Int, in heap: UnsafeMutableBufferPointer<Entry>) {
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard entry.precedes(heap[parent]) else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = entry
    }

    /// The earliest event, removed.
    mutating func next() -> (time: Instant, payload: Payload)? {
        if let front = self.front {
            self.front = nil
            return (Instant(nanoseconds: front.time), front.payload)
        }
        guard let last = self.entries.popLast() else { return nil }
        guard !self.entries.isEmpty else { return (Instant(nanoseconds: last.time), last.payload) }
        let top = self.entries[0]
        self.entries.withUnsafeMutableBufferPointer { heap in
            // Floyd's variant: walk the hole down to a leaf along the smaller
            // children (one comparison a level), then let `last` rise from there.
            // `last` came from the bottom, so it rarely rises far.
            let n = heap.count
            var hole = 0
            var child = 1
            while child < n {
                if child + 1 < n, heap[child + 1].precedes(heap[child]) { child += 1 }
                heap[hole] = heap[child]
                hole = child
                child = 2 * hole + 1
            }
            Self.rise(last, from: hole, in: heap)
        }
        return (Instant(nanoseconds: top.time), top.payload)
    }
}
