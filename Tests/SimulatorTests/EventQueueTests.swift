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
        var rng = SplitMix64(seed: seed)
        var q = EventQueue<Int>()
        var pending: [(time: Int64, id: Int)] = []
        var id = 0
        var now: Int64 = 0
        for _ in 0..<5_000 {
            if rng.next() % 3 != 0 || pending.isEmpty {
                // Times near now, with many ties.
                let t = now + Int64(rng.next() % 50)
                q.schedule(id, at: Instant(nanoseconds: t))
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
