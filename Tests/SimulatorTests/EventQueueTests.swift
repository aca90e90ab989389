import Dispatcher
import Testing
@testable import Simulator

@Suite("Event queue")
struct EventQueueTests {
    @Test("events come out by time, and same-time events in scheduling order")
    func order() {
        var q = EventQueue<String>()
        q.schedule("c", at: Instant(nanoseconds: 30))
        q.schedule("a1", at: Instant(nanoseconds: 10))
        q.schedule("b", at: Instant(nanoseconds: 20))
        q.schedule("a2", at: Instant(nanoseconds: 10))
        q.schedule("a3", at: Instant(nanoseconds: 10))
        var out: [String] = []
        while let e = q.next() { out.append(e.payload) }
        #expect(out == ["a1", "a2", "a3", "b", "c"])
    }
}

@Suite("Event queue against a sort")
struct EventQueueSortTests {
    @Test("random interleaved schedules and pops come out in (time, order) order", arguments: [1, 2, 3] as [UInt64])
    func randomized(seed: UInt64) {
        self.check(seed: seed, lanes: 0)
    }

    @Test("with lanes too: in-order events take a lane, out-of-order ones fall back to the heap, the order is the same",
          arguments: [4, 5, 6] as [UInt64])
    func randomizedWithLanes(seed: UInt64) {
        self.check(seed: seed, lanes: 2)
    }

    @Test("a fixed-delay lane that grows and wraps around, beside random heap events", arguments: [7, 8] as [UInt64])
    func fixedDelayLane(seed: UInt64) {
        self.check(seed: seed, lanes: 1, fixedDelay: 40)
    }

    /// Schedules near `now` (many ties), each into a random lane or none, and pops at
    /// random; every pop must be the earliest pending event by (time, scheduling order).
    /// With `fixedDelay`, lane 0 events come exactly that long after `now`, as replies do.
    func check(seed: UInt64, lanes: Int, fixedDelay: Int64? = nil) {
        var rng = SplitMix64(seed: seed)
        var q = EventQueue<Int>(lanes: lanes)
        var pending: [(time: Int64, id: Int)] = []
        var id = 0
        var now: Int64 = 0
        for _ in 0..<5_000 {
            if rng.next() % 3 != 0 || pending.isEmpty {
                // Times near now, with many ties.
                let lane = lanes == 0 ? nil : Int(rng.next() % UInt64(lanes + 1))
                let t = lane == 0 && fixedDelay != nil ? now + (fixedDelay ?? 0) : now + Int64(rng.next() % 50)
                q.schedule(id, at: Instant(nanoseconds: t), lane: lane == lanes ? nil : lane)
                pending.append((t, id))
                id += 1
            } else {
                let expected = pending.enumerated().min { a, b in
                    a.element.time != b.element.time ? a.element.time < b.element.time : a.element.id < b.element.id
                }
                guard let e = expected, let got = q.next() else {
                    Issue.record("queue ran dry")
                    return
                }
                #expect(got.payload == e.element.id && got.time.nanoseconds == e.element.time)
                now = e.element.time
                pending.remove(at: e.offset)
            }
        }
        #expect(q.count == pending.count)
    }
}
