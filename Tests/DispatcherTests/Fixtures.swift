@testable import Dispatcher

/// A set of gateways `gw1…gwN` on distinct ports, declared in file order.
func gateways(
    _ n: Int, set: Int = 1, priorities: [Int]? = nil, weights: [Int]? = nil,
    attrs: (Int) -> DestinationAttributes = { _ in DestinationAttributes() }
) -> DestinationList {
    DestinationList(entries: (1...n).map { i in
        var a = attrs(i)
        if let weights { a.weight = weights[i - 1] }
        return DestinationSpec(setID: set, uri: "sip:gw\(i).example.net:\(5060 + i)", priority: priorities?[i - 1] ?? 0, attributes: a)
    })
}

func makeCore(_ list: DestinationList, _ configure: (inout DispatcherConfiguration) -> Void = { _ in }) throws -> Dispatcher {
    var config = DispatcherConfiguration()
    configure(&config)
    var rng = SplitMix64(seed: 42)
    return try Dispatcher(list: list, configuration: config, using: &rng)
}

extension Dispatcher {
    /// The gateway names (`gw3`) of a selection's candidates.
    func names(_ s: Selection) -> [String] { s.candidates.map { self.name(of: $0) } }

    func name(of d: DestinationHandle) -> String {
        let uri = self.uri(of: d)
        let host = uri.dropFirst(4).prefix { $0 != "." && $0 != ":" }
        return String(host)
    }

    func handle(named name: String) -> DestinationHandle? {
        self.allDestinations.first { self.name(of: $0) == name }
    }

    /// Selects `n` times with distinct Call-IDs and counts first choices by name.
    mutating func spread(_ alg: Algorithm, n: Int, set: Int = 1, seed: UInt64 = 7) -> [String: Int] {
        var rng = SplitMix64(seed: seed)
        var counts: [String: Int] = [:]
        for i in 0..<n {
            let r = RouteRequest(setID: set, algorithm: alg, callID: "call-\(i)@10.0.0.1",
                                 fromURI: "sip:user\(i)@example.com", toURI: "sip:dest\(i % 97)@example.com",
                                 requestURI: "sip:dest\(i % 89)@example.com")
            guard let s = self.select(r, now: .zero, using: &rng) else { continue }
            counts[self.name(of: s.primary), default: 0] += 1
        }
        return counts
    }
}
