import Dispatcher
import HeapModule

/// The future events of one simulated run, earliest first.
///
/// A min-heap keyed by (time, sequence number): events at the same instant come
/// out in the order they were scheduled, so a run does not depend on how the
/// heap breaks ties, and the same seed gives the same run.
struct EventQueue<Payload> {
    private var heap = Heap<Entry>()
    private var sequence: UInt64 = 0

    struct Entry: Comparable {
        var time: Int64
        var sequence: UInt64
        var payload: Payload

        static func < (a: Entry, b: Entry) -> Bool {
            a.time != b.time ? a.time < b.time : a.sequence < b.sequence
        }

        static func == (a: Entry, b: Entry) -> Bool { a.time == b.time && a.sequence == b.sequence }
    }

    var isEmpty: Bool { self.heap.isEmpty }
    var count: Int { self.heap.count }

    mutating func schedule(_ payload: Payload, at time: Instant) {
        self.heap.insert(Entry(time: time.nanoseconds, sequence: self.sequence, payload: payload))
        self.sequence &+= 1
    }

    /// The earliest event, removed.
    mutating func next() -> (time: Instant, payload: Payload)? {
        guard let e = self.heap.popMin() else { return nil }
        return (Instant(nanoseconds: e.time), e.payload)
    }

    var nextTime: Instant? { self.heap.min.map { Instant(nanoseconds: $0.time) } }
}
