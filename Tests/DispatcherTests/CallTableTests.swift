import Testing
@testable import Dispatcher

@Suite("Call table")
struct CallTableTests {
    @Test("random inserts, updates and removals agree with a Dictionary", arguments: [1, 2, 3])
    func againstDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = CallTable()
        var reference: [CallKey: TrackedCall] = [:]
        for step in 0..<20_000 {
            // Few distinct keys so that collisions, updates and long probe runs happen.
            let key = CallKey(rng.next() % 600)
            switch rng.next() % 3 {
            case 0, 1:
                let value = TrackedCall(slot: UInt32(step % 7), startedAt: Instant(nanoseconds: Int64(step)), confirmed: step % 2 == 0)
                table.set(key, value)
                reference[key] = value
            default:
                #expect(table.removeValue(forKey: key)?.startedAt == reference.removeValue(forKey: key)?.startedAt)
            }
            #expect(table.count == reference.count)
        }
        for (key, value) in reference { #expect(table[key]?.startedAt == value.startedAt) }
        #expect(table.keys { _ in true }.matching.count == reference.count)
    }
}
