import Testing
import Reports

@Suite("Erlang B")
struct ErlangBTests {
    /// The closed form `(E^m/m!) / Σ E^k/k!`, summed in a stable order: an
    /// independent check of the recursion for small m.
    func closedForm(_ traffic: Double, _ channels: Int) -> Double {
        var term = 1.0
        var sum = 1.0
        for k in stride(from: 1, through: channels, by: 1) {
            term *= traffic / Double(k)
            sum += term
        }
        return term / sum
    }

    @Test("Known values from Erlang B tables", arguments: [
        (2.0, 3, 0.210526),    // 4/19 exactly
        (10.0, 10, 0.214582),
        (1.0, 1, 0.5),
        (20.0, 30, 0.008457),
        (100.0, 110, 0.027463),
    ])
    func knownValues(traffic: Double, channels: Int, expected: Double) {
        #expect(abs(ErlangB.blocking(traffic: traffic, channels: channels) - expected) < 5e-7)
    }

    @Test("B(2, 3) is 4/19 exactly")
    func exactSmallCase() {
        // (8/6) / (1 + 2 + 2 + 8/6) = (4/3) / (19/3).
        #expect(abs(ErlangB.blocking(traffic: 2, channels: 3) - 4.0 / 19) < 1e-15)
    }

    @Test("The recursion agrees with the closed form", arguments: [0.5, 3.0, 10.0, 45.0, 100.0])
    func recursionMatchesClosedForm(traffic: Double) {
        for channels in [0, 1, 5, 10, 50, 110] {
            let recursion = ErlangB.blocking(traffic: traffic, channels: channels)
            #expect(abs(recursion - self.closedForm(traffic, channels)) < 1e-12 * max(1, recursion))
        }
    }

    @Test("Large groups do not overflow or underflow: B(1000, 1000) ≈ 0.0248")
    func largeGroups() {
        let b = ErlangB.blocking(traffic: 1000, channels: 1000)
        #expect(b > 0.0245 && b < 0.0255)
        #expect(ErlangB.blocking(traffic: 1, channels: 5000) >= 0)
    }

    @Test("Degenerate and invalid inputs")
    func edges() {
        #expect(ErlangB.blocking(traffic: 5, channels: 0) == 1)
        #expect(ErlangB.blocking(traffic: 0, channels: 3) == 0)
        #expect(ErlangB.blocking(traffic: -1, channels: 3).isNaN)
        #expect(ErlangB.blocking(traffic: 1, channels: -1).isNaN)
        #expect(ErlangB.blocking(traffic: .infinity, channels: 3).isNaN)
    }

    @Test("Carried plus overflow is the offered traffic")
    func conservation() {
        let carried = ErlangB.carried(traffic: 10, channels: 10)
        let overflow = ErlangB.overflow(traffic: 10, channels: 10)
        #expect(abs(carried + overflow - 10) < 1e-12)
        #expect(abs(overflow - 10 * 0.2145823431073474) < 1e-12)
    }

    @Test("Serial hunting: group k is offered A·B(A, k·c); the chain loses what the pooled group loses")
    func serialHunting() {
        let groups = ErlangB.serialHunting(traffic: 30, groups: 4, channelsPerGroup: 10)
        #expect(groups.count == 4)
        #expect(groups[0].offered == 30)
        for k in 0..<4 {
            let offered = 30 * ErlangB.blocking(traffic: 30, channels: k * 10)
            #expect(abs(groups[k].offered - offered) < 1e-12)
        }
        // The first group is an ordinary Erlang loss system.
        #expect(abs(groups[0].carried - ErlangB.carried(traffic: 30, channels: 10)) < 1e-12)
        // Everything offered is carried by some group or lost by the pooled 40 channels.
        let carried = groups.reduce(0) { $0 + $1.carried }
        #expect(abs(carried + ErlangB.overflow(traffic: 30, channels: 40) - 30) < 1e-12)
        #expect(abs(groups[3].overflow - ErlangB.overflow(traffic: 30, channels: 40)) < 1e-12)
        // Earlier groups carry more.
        #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.carried > $1.carried })
        #expect(ErlangB.serialHunting(traffic: 30, groups: 0, channelsPerGroup: 10).isEmpty)
    }

    @Test("Random split blocks more than pooling the same channels")
    func splitVersusPooled() {
        let split = ErlangB.splitBlocking(traffic: 40, groups: 4, channelsPerGroup: 12)
        let pooled = ErlangB.pooledBlocking(traffic: 40, groups: 4, channelsPerGroup: 12)
        #expect(abs(split - ErlangB.blocking(traffic: 10, channels: 12)) < 1e-15)
        #expect(abs(pooled - ErlangB.blocking(traffic: 40, channels: 48)) < 1e-15)
        #expect(split > pooled)
    }
}
