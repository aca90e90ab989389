import Testing
import Dispatcher
@testable import Workloads

@Suite("Random streams")
struct RandomStreamTests {
    @Test("xoshiro256** matches the reference implementation's outputs for state {1, 2, 3, 4}")
    func referenceVector() {
        var rng = RandomStream(state: (1, 2, 3, 4))
        let outputs = (0..<6).map { _ in rng.next() }
        #expect(outputs == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600])
    }

    @Test("SplitMix64 matches the reference implementation, and seeds xoshiro as its authors do")
    func seeding() {
        var mixer = SplitMix64(seed: 0)
        #expect([mixer.next(), mixer.next(), mixer.next()] == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679])
        // Reference C: x = 42; s[i] = splitmix64() for i in 0..<4; then next().
        var rng = RandomStream(seed: 42)
        #expect([rng.next(), rng.next(), rng.next()] == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
    }

    @Test("The same seed, replication and purpose give the same sequence")
    func sameSeedSameSequence() {
        var a = RandomStream(seed: 7, replication: 3, purpose: .arrivals)
        var b = RandomStream(seed: 7, replication: 3, purpose: .arrivals)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }

    @Test("Different purposes, replications, indices or seeds give different sequences")
    func differentKeysDifferentSequences() {
        func prefix(_ stream: RandomStream) -> [UInt64] {
            var s = stream
            return (0..<4).map { _ in s.next() }
        }
        var seen: Set<[UInt64]> = []
        for seed: UInt64 in [0, 1, 2] {
            for replication in 0..<4 {
                for purpose in StreamPurpose.allCases {
                    for index in 0..<3 {
                        seen.insert(prefix(RandomStream(seed: seed, replication: replication, purpose: purpose, index: index)))
                    }
                }
            }
        }
        #expect(seen.count == 3 * 4 * StreamPurpose.allCases.count * 3)
    }

    @Test("Purpose streams are not shifted copies of each other")
    func purposesAreNotShifted() {
        var arrivals = RandomStream(seed: 1, replication: 0, purpose: .arrivals)
        var holding = RandomStream(seed: 1, replication: 0, purpose: .holding)
        let a = (0..<10_000).map { _ in arrivals.next() }
        let h = Set((0..<10_000).map { _ in holding.next() })
        #expect(h.isDisjoint(with: a))
    }

    @Test("Open-unit uniforms stay strictly inside (0, 1) and have mean 1/2, variance 1/12")
    func openUnit() {
        var rng = RandomStream(seed: 99)
        let n = 200_000
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<n {
            let u = rng.nextOpenUnit()
            #expect(u > 0 && u < 1)
            sum += u
            sumSquares += u * u
        }
        let mean = sum / Double(n)
        #expect(close(mean, 0.5, within: 5 * (1.0 / 12 / Double(n)).squareRoot()))
        #expect(close(sumSquares / Double(n) - mean * mean, 1.0 / 12, within: 0.001))
    }

    @Test("Bounded integers cover 0..<n evenly (chi-square, 9 df, p = 0.001 critical 27.88)")
    func boundedIntegers() {
        var rng = RandomStream(seed: 5, replication: 0, purpose: .callers)
        var counts = [Int](repeating: 0, count: 10)
        let n = 100_000
        for _ in 0..<n {
            let k = rng.nextIndex(below: 10)
            #expect((0..<10).contains(k))
            counts[k] += 1
        }
        let expected = Double(n) / 10
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 27.88)
        #expect(rng.nextIndex(below: 1) == 0)
        #expect(rng.nextIndex(below: 0) == 0)
    }

    @Test("The GSL generator repeats for the same seed and differs for another")
    func gslGeneratorIsSeeded() throws {
        let a = try #require(GSLGenerator(seed: 11))
        let b = try #require(GSLGenerator(seed: 11))
        let c = try #require(GSLGenerator(seed: 12))
        let sa = (0..<100).map { _ in a.next() }
        #expect(sa == (0..<100).map { _ in b.next() })
        #expect(sa != (0..<100).map { _ in c.next() })
        let d = try #require(GSLGenerator(seed: 1, replication: 0, purpose: .holding))
        let e = try #require(GSLGenerator(seed: 1, replication: 0, purpose: .holding))
        #expect(d.uniformPositive() == e.uniformPositive())
    }

    @Test("GSL's own gamma variates agree with the analytic mean, as a cross-check of our sampler")
    func gslGammaMean() throws {
        let gsl = try #require(GSLGenerator(seed: 3))
        let n = 100_000
        var sum = 0.0
        for _ in 0..<n { sum += gsl.gamma(shape: 0.7, scale: 2) }
        let sd = (0.7 * 4.0).squareRoot()
        #expect(close(sum / Double(n), 1.4, within: 5 * sd / Double(n).squareRoot()))
        // Our Swift samplers also run on GSL's stream through RandomNumberGenerator.
        var generator = gsl
        let x = Distribution.gamma(shape: 0.7, scale: 2).sample(using: &generator)
        #expect(x > 0)
    }
}
