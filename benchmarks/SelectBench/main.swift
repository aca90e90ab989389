// Whole-process benchmark of `Dispatcher.select`: a 10-destination set, the
// failover list included, every algorithm. Run it in release:
//
//     swift run -c release select-bench [iterations]
//
// Each figure is the best of 5 timed rounds of `iterations` selections, divided by
// the count, so it includes everything a selection costs (allocation too). The
// checksum of the chosen slots is printed so the work cannot be optimised away.
import Dispatcher

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000_000
let clock = ContinuousClock()

var list = DestinationList()
for i in 1...10 {
    var attrs = DestinationAttributes()
    attrs.weight = 10
    attrs.rweight = 10
    attrs.capacity = 100
    attrs.latency = 10 + i
    list.entries.append(DestinationSpec(setID: 1, uri: "sip:gw\(i).example.net:50\(60 + i)", priority: i % 3, attributes: attrs))
}
var seedRNG = SplitMix64(seed: 1)
var config = DispatcherConfiguration()
var core = try Dispatcher(list: list, configuration: config, using: &seedRNG)

// 1,000 distinct 40-byte Call-IDs and From URIs, cycled through.
let callIDs = (0..<1000).map { i -> String in
    let s = "\(String(i, radix: 16))-a84b4c76e66710-f81d4fae7dec11d0a765@pc33.example.com"
    return String(s.prefix(40))
}
let froms = (0..<1000).map { "sip:user\($0)@example.com:5080" }
/// The requests of one algorithm, built before timing so the loop measures `select` alone.
func requests(for alg: Algorithm) -> [RouteRequest] {
    zip(callIDs, froms).map { c, f in
        RouteRequest(setID: 1, algorithm: alg, callID: c, fromURI: f, toURI: f, requestURI: f,
                     authUser: "user", hashKey: c)
    }
}

/// Times every algorithm; a function, not top-level code, so the core and the
/// requests are locals the optimiser can keep in registers.
func measureAll(_ core: inout Dispatcher) {
print("algorithm            ns/select  candidates  checksum")
var rng = SplitMix64(seed: 2)
for alg in Algorithm.allCases {
    var best = Double.infinity
    var checksum: UInt64 = 0
    var candidates = 0
    let batch = requests(for: alg)
    for _ in 0..<5 {
        var sum: UInt64 = 0
        let elapsed = clock.measure {
            for i in 0..<iterations {
                if let s = core.select(batch[i % 1000], now: .zero, using: &rng) {
                    sum &+= UInt64(s.primary.slot) &+ UInt64(s.candidates.count)
                    candidates = s.candidates.count
                }
            }
        }
        checksum = sum
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        best = min(best, ns / Double(iterations))
    }
    let name = alg.name + String(repeating: " ", count: max(0, 20 - alg.name.count))
    print("\(name) \(format3(best).leftPad(9))  \(String(candidates).leftPad(10))  \(checksum)")
}
}

measureAll(&core)

func format3(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return String(r)
}

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - self.count)) + self }
}
