import Foundation
import Testing
import SIP

/// Sebastiano Vigna's SplitMix64, local to the tests so the SIP tests import nothing
/// of ours but SIP; a fixed seed makes every fuzz run the same run.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}

/// Mutates valid messages the way broken peers and attackers do: flipped and inserted
/// bytes (biased towards the separators the grammar cares about), deleted runs,
/// truncation, duplicated header lines and two messages spliced together.
struct Mutator {
    let corpus: [[UInt8]]
    static let interesting: [UInt8] = Array("\r\n \t:;,=\"<>[]/\\@%0123456789lvVSIP".utf8) + [0, 0x7F, 0x80, 0xFF]

    func mutate(_ random: inout FuzzRandom) -> [UInt8] {
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0...random.below(3) {
            let position = random.below(bytes.count + 1)
            switch random.below(7) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            case 1 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = Self.interesting[random.below(Self.interesting.count)]
            case 2:
                bytes.insert(Self.interesting[random.below(Self.interesting.count)], at: position)
            case 3:
                let end = min(bytes.count, position + 1 + random.below(16))
                bytes.removeSubrange(position..<end)
            case 4:
                bytes.removeSubrange(position..<bytes.count)
            case 5:
                bytes = Self.duplicateLine(bytes, &random)
            default:
                let other = corpus[random.below(corpus.count)]
                bytes = Array(bytes[..<position]) + other[random.below(other.count + 1)...]
            }
        }
        return bytes
    }

    /// Copies one CRLF-terminated line and inserts it after itself.
    static func duplicateLine(_ bytes: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        var start = random.below(bytes.count)
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        guard end < bytes.count else { return bytes }
        var copy = bytes
        copy.insert(contentsOf: bytes[start...end], at: end + 1)
        return copy
    }
}

@Suite("SIP fuzzing")
struct FuzzTests {
    /// 1,000,000 by default (the figure); SIP_FUZZ_ITERATIONS overrides it.
    static let iterations = ProcessInfo.processInfo.environment["SIP_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_000_000

    static var corpus: [[UInt8]] {
        Fixture.sipp.map(\.1) + Torture.load("valid").map(\.bytes) + Torture.load("accepted").map(\.bytes)
    }

    @Test("random mutations of valid messages never crash the parser or the framer")
    func mutations() {
        let mutator = Mutator(corpus: Self.corpus)
        var random = FuzzRandom(seed: 0x5157_4475)
        let framer = SIPStreamFramer(maxHeaderBytes: 8192, maxBodyBytes: 65536)
        var counts = FuzzCounts()
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<Self.iterations {
            let bytes = mutator.mutate(&random)
            counts.record(datagram: bytes)
            counts.record(stream: bytes, framer: framer)
        }
        let elapsed = clock.now - started
        print("SIP fuzz: \(Self.iterations) mutations in \(elapsed): \(counts)")
        #expect(counts.datagramParsed + counts.datagramRefused == Self.iterations)
        #expect(counts.datagramParsed > 0 && counts.datagramRefused > 0)
    }
}

/// Tallies outcomes; successes are pushed further (typed accessors, proxy edits,
/// serialize and reparse) so the deeper code is fuzzed too.
struct FuzzCounts: CustomStringConvertible {
    var datagramParsed = 0
    var datagramRefused = 0
    var validated = 0
    var framed = 0
    var frameRefused = 0
    var needMore = 0
    var reparseMismatch = 0
    static let deepSampling = 8

    mutating func record(datagram bytes: [UInt8]) {
        do throws(SIPParseError) {
            var message = try SIPMessage(datagram: bytes)
            datagramParsed += 1
            // The deep path costs ~10 parses; sampling it keeps 1M runs under a minute
            // on a debug build while still reaching tens of thousands of messages.
            if datagramParsed % Self.deepSampling == 0 { exercise(&message) } else { _ = try? message.via }
        } catch {
            datagramRefused += 1
        }
    }

    mutating func record(stream bytes: [UInt8], framer: SIPStreamFramer) {
        do throws(SIPParseError) {
            switch try framer.nextFrame(in: bytes) {
            case .message(let range):
                framed += 1
                _ = try? SIPMessage(parsing: bytes[range], framing: .stream)
            case .needMoreBytes:
                needMore += 1
            }
        } catch {
            frameRefused += 1
        }
    }

    private mutating func exercise(_ message: inout SIPMessage) {
        if (try? message.validate()) != nil { validated += 1 }
        _ = try? message.recordRoute
        _ = try? message.contentLength
        _ = try? message.removeTopVia()
        _ = try? message.popRoute()
        _ = try? message.decrementMaxForwards()
        message.addRecordRoute(uri: "sip:10.0.0.1;lr")
        let wire = message.serialized()
        if let again = try? SIPMessage(datagram: wire), again.serialized() != wire { reparseMismatch += 1 }
    }

    var description: String {
        "datagram parsed \(datagramParsed) (validated \(validated)), refused \(datagramRefused); "
            + "stream framed \(framed), need-more \(needMore), refused \(frameRefused); "
            + "serialize/reparse mismatches \(reparseMismatch)"
    }
}
