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
