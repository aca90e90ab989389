import Testing
import Workloads

@Suite("Caller population")
struct CallerPopulationTests {
    @Test("URIs follow the subscriber numbering plan")
    func uris() throws {
        let population = try CallerPopulation(callers: 100)
        #expect(population.uri(of: 42) == "sip:+15550000042@example.com")
        let other = try CallerPopulation(callers: 100, domain: "carrier.test")
        #expect(other.uri(of: 0) == "sip:+15550000000@carrier.test")
    }

    @Test("Call-IDs are unique, 20-40 bytes, and look like RFC 3261's")
    func callIDs() throws {
        var population = try CallerPopulation(callers: 1000)
        var rng = RandomStream(seed: 3, replication: 0, purpose: .callers)
        var seen: Set<String> = []
        for _ in 0..<100_000 {
            let call = population.nextCall(using: &rng)
            #expect(seen.insert(call.callID).inserted)
            let bytes = call.callID.utf8.count
            #expect(bytes >= 20 && bytes <= 40, "\(call.callID)")
            #expect(call.callID.hasSuffix("@pc\(call.caller).example.com"))
            #expect(call.from == population.uri(of: call.caller))
            #expect(call.to == population.uri(of: call.callee))
        }
        #expect(population.issued == 100_000)
    }

    @Test("The same stream gives the same calls; another replication gives other Call-IDs")
    func determinism() throws {
        func calls(replication: Int) throws -> [CallIdentity] {
            var population = try CallerPopulation(callers: 50)
            var rng = RandomStream(seed: 9, replication: replication, purpose: .callers)
            return (0..<100).map { _ in population.nextCall(using: &rng) }
        }
        #expect(try calls(replication: 0) == calls(replication: 0))
        #expect(try Set(calls(replication: 0).map(\.callID)).isDisjoint(with: calls(replication: 1).map(\.callID)))
    }

    @Test("Callers are picked uniformly (chi-square, 9 df, p = 0.001 critical 27.88)")
    func uniformCallers() throws {
        var population = try CallerPopulation(callers: 10)
        var rng = RandomStream(seed: 4, replication: 0, purpose: .callers)
        var counts = [Int](repeating: 0, count: 10)
        let n = 50_000
        for _ in 0..<n { counts[population.nextCall(using: &rng).caller] += 1 }
        let expected = Double(n) / 10
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 27.88)
    }

    @Test("An empty population or a bad domain is refused")
    func validation() {
        #expect(failure { try CallerPopulation(callers: 0) }?.message.contains("at least 1 caller") == true)
        #expect(failure { try CallerPopulation(callers: 5, domain: "bad domain") } != nil)
    }
}
