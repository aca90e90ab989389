import Foundation
import Testing
@testable import Dispatcher

/// Our core against answers recorded from a real Kamailio 5.6.3
/// (Tests/Interop/kamailio/record-expected.sh): hash values, index order, and
/// `ds_select_dst` for algorithms 0, 1 and 4 with their failover lists. This runs
/// everywhere; Tests/Interop/kamailio-select.sh asks a live Kamailio too.
@Suite("Recorded Kamailio 5.6.3 answers")
struct KamailioRecordedTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Interop/kamailio")

    let rows: [[String]]
    let core: Dispatcher

    init() throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("expected-kamailio.txt"), encoding: .utf8)
        self.rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let listText = try String(contentsOf: Self.directory.appendingPathComponent("select.list"), encoding: .utf8)
        var rng = SplitMix64(seed: 1)
        self.core = try Dispatcher(list: DestinationList(parsing: listText, file: "select.list"), using: &rng)
    }

    func rows(_ kind: String) -> [[String]] { self.rows.filter { $0.first == kind } }

    /// A candidate list as Kamailio indexes, "2,3,4".
    func indexes(_ core: Dispatcher, _ s: Selection?, set: Int) -> String {
        guard let s else { return "" }
        let members = core.members(ofSet: set)
        return s.candidates.map { c in String(members.firstIndex(of: c) ?? -1) }.joined(separator: ",")
    }

    @Test("dispatcher.hash values")
    func hashes() throws {
        let rows = self.rows("hash")
        #expect(rows.count >= 9)
        for r in rows {
            let h = KamailioHash.hash(r[3], r[2] == "2" ? r[4] : nil)
            #expect(String(h) == r[5], "\(r)")
            #expect(String(Int(h) % (Int(r[1]) ?? 1)) == r[6], "\(r)")
        }
    }

    @Test("index order and states as dispatcher.list shows them")
    func indexOrder() {
        for r in self.rows("index") {
            let set = Int(r[1]) ?? -1
            let members = self.core.members(ofSet: set)
            let d = members[Int(r[2]) ?? 0]
            #expect(self.core.uri(of: d) == r[3] && self.core.state(of: d).description == r[4]
                    && String(self.core.spec(of: d).priority) == r[5], "\(r)")
        }
    }

    @Test("algorithms 0 and 1 choose and order failover as Kamailio does")
    func hashSelections() {
        var core = self.core
        var rng = SplitMix64(seed: 1)
        let rows = self.rows("sel")
        #expect(rows.count >= 400)
        for r in rows {
            let set = Int(r[1]) ?? -1
            let limit = Int(r[2]) ?? 0
            let byCallID = core.select(RouteRequest(setID: set, algorithm: .hashCallID, callID: r[4], limit: limit), now: .zero, using: &rng)
            let byFrom = core.select(RouteRequest(setID: set, algorithm: .hashFrom, fromURI: r[5], limit: limit), now: .zero, using: &rng)
            #expect(self.indexes(core, byCallID, set: set) == r[6], "alg 0 \(r)")
            #expect(self.indexes(core, byFrom, set: set) == r[7], "alg 1 \(r)")
        }
    }

    @Test("round-robin runs the same sequence from a fresh start")
    func roundRobin() {
        let rows = self.rows("rr")
        #expect(rows.count >= 200)
        var cores: [String: Dispatcher] = [:]
        var rng = SplitMix64(seed: 1)
        for r in rows {
            let set = Int(r[1]) ?? -1
            let limit = Int(r[2]) ?? 0
            var core = cores["\(set)/\(limit)"] ?? self.core
            let s = core.select(RouteRequest(setID: set, algorithm: .roundRobin, limit: limit), now: .zero, using: &rng)
            #expect(self.indexes(core, s, set: set) == r[4], "alg 4 \(r)")
            cores["\(set)/\(limit)"] = core
        }
    }
}
