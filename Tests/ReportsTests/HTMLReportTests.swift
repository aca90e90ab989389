import Foundation
import Testing
import Reports

@Suite("HTML report")
struct HTMLReportTests {
    /// A context for the fixture report: a 40 s run with a 5 s warm-up and one
    /// fault on gw-a from 10 s to 25 s.
    static let context = ReportContext(
        scenario: "two-gateways", seed: 42, replications: 3, durationSeconds: 40, warmupSeconds: 5,
        commandLine: "dispatchlab run two-gateways.yaml --seed 42",
        faults: [FaultWindow(destination: "gw-a", kind: "down", start: 10, end: 25)]
    )

    /// The attributes of every `<tag …>` element whose class list contains
    /// `cssClass`, parsed from the markup (a small, independent reader: double
    /// quoted attributes, as the generator writes them).
    static func elements(_ html: String, tag: String, cssClass: String) -> [[String: String]] {
        var result: [[String: String]] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag) ") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let body = rest[open.upperBound..<close]
            var attributes: [String: String] = [:]
            var scan = body[...]
            while let eq = scan.range(of: "=\"") {
                let name = scan[..<eq.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                guard let end = scan[eq.upperBound...].firstIndex(of: "\"") else { break }
                attributes[name] = String(scan[eq.upperBound..<end])
                scan = scan[scan.index(after: end)...]
            }
            if (attributes["class"] ?? "").split(separator: " ").contains(Substring(cssClass)) { result.append(attributes) }
            rest = rest[close...]
        }
        return result
    }

    @Test("Every algorithm and destination appears: a timeline per algorithm, a legend entry and state band per destination")
    func everythingAppears() {
        let report = ReportFixtures.sample()
        let html = report.html(context: Self.context)
        let timelines = Self.elements(html, tag: "svg", cssClass: "timeline")
        #expect(timelines.map { $0["data-algorithm"] } == [ReportFixtures.rr, ReportFixtures.weighted])
        for algorithm in [ReportFixtures.rr, ReportFixtures.weighted] {
            #expect(html.contains("<tr data-algorithm=\"\(algorithm)\">"), "\(algorithm) in the summary table")
            let lines = Self.elements(html, tag: "path", cssClass: "series").filter { $0["data-destination"] != nil }
            #expect(lines.count == 2 * 2)
            let shares = Self.elements(html, tag: "rect", cssClass: "share-bar").filter { $0["data-algorithm"] == algorithm }
            #expect(shares.map { $0["data-destination"] } == ["gw-a", ReportFixtures.commaName])
        }
        for destination in report.destinations {
            let bands = Self.elements(html, tag: "rect", cssClass: "state").filter { $0["data-destination"] == destination }
            #expect(!bands.isEmpty, "\(destination) has state bands")
        }
        // gw-a goes inactive at 20 s in every replication: an I band from 20 s.
        let inactive = Self.elements(html, tag: "rect", cssClass: "state-I")
        #expect(inactive.count == 2 && inactive.allSatisfy { $0["data-destination"] == "gw-a" })
        #expect(html.contains("dispatchlab run two-gateways.yaml --seed 42"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"), "no external resource")
    }

    @Test("A fault window is shaded from its start to its end on the time axis")
    func faultWindowPosition() throws {
        let html = ReportFixtures.sample().html(context: Self.context)
        let faults = Self.elements(html, tag: "rect", cssClass: "fault")
        #expect(faults.count == 2, "one per timeline")
        // The mapping, from the published geometry: x = left + t / duration · width.
        let x = { (t: Double) in SVGTimeline.plotLeft + t / 40 * SVGTimeline.plotWidth }
        for fault in faults {
            let left = try #require(fault["x"].flatMap(Double.init))
            let width = try #require(fault["width"].flatMap(Double.init))
            #expect(abs(left - x(10)) <= 0.005)
            #expect(abs(left + width - x(25)) <= 0.01)
            #expect(fault["data-destination"] == "gw-a" && fault["data-kind"] == "down")
        }
        #expect(html.contains(">gw-a down</text>"), "the window is named")
    }

    @Test("Bars carry summary.csv's mean and ci95, and their lengths are proportional to the means")
    func barsMatchSummaryCSV() throws {
        let report = ReportFixtures.sample()
        let csv = parseCSV(try SummaryCSV.document(for: report).text)
        let header = csv[0]
        let html = report.html(context: Self.context)
        let bars = Self.elements(html, tag: "rect", cssClass: "bar")
        let measures = ["blocking", "failed_over", "sent_to_dead", "setup_p95_ms", "detect_s", "recover_s", "share_error"]
        #expect(Set(bars.compactMap { $0["data-measure"] }) == Set(measures))
        for measure in measures {
            let column = try #require(header.firstIndex(of: measure))
            let row = bars.filter { $0["data-measure"] == measure }
            #expect(row.map { $0["data-algorithm"] } == [ReportFixtures.rr, ReportFixtures.weighted])
            var ratios: [Double] = []
            for bar in row {
                let algorithm = try #require(bar["data-algorithm"])
                let mean = try #require(csv.first { $0[1] == algorithm && $0[2] == "mean" })[column]
                let ci = try #require(csv.first { $0[1] == algorithm && $0[2] == "ci95" })[column]
                #expect(bar["data-mean"] == mean, "\(measure) \(algorithm)")
                #expect(bar["data-ci95"] == ci, "\(measure) \(algorithm)")
                let width = try #require(bar["width"].flatMap(Double.init))
                if let value = Double(mean), value > 0 { ratios.append(width / value) }
            }
            if let first = ratios.first {
                #expect(ratios.allSatisfy { abs($0 - first) <= 0.02 / 10 * first + 0.01 }, "\(measure): widths ∝ means")
            }
        }
    }

    @Test("Text from the data is escaped for HTML and SVG")
    func escaping() {
        var report = ReportFixtures.sample()
        let evil = "<gw&\"x'>"
        report.destinations[1] = evil
        for i in report.replications.indices {
            report.replications[i].destinations[1].name = evil
            for j in report.replications[i].timeseries.indices where report.replications[i].timeseries[j].destination == ReportFixtures.commaName {
                report.replications[i].timeseries[j].destination = evil
            }
        }
        var context = Self.context
        context.scenario = "a<b"
        let html = report.html(context: context)
        #expect(!html.contains(evil) && !html.contains("a<b"))
        #expect(html.contains("&lt;gw&amp;&quot;x&#39;&gt;") && html.contains("a&lt;b"))
    }

    @Test("The same report gives the same bytes")
    func deterministic() {
        #expect(ReportFixtures.sample().html(context: Self.context) == ReportFixtures.sample().html(context: Self.context))
    }

    @Test("writeHTML puts report.html beside the CSVs")
    func writesFile() throws {
        let directory = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = ReportFixtures.sample()
        try report.write(to: directory)
        try report.writeHTML(to: directory, context: Self.context)
        #expect(try ReportFixtures.read(directory, RunReport.htmlFileName) == report.html(context: Self.context))
    }

    @Test("report.html of a small report matches the golden file (DISPATCHLAB_RECORD=1 rewrites it)")
    func golden() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/report-small.html")
        let actual = ReportFixtures.sample().html(context: Self.context)
        if ProcessInfo.processInfo.environment["DISPATCHLAB_RECORD"] == "1" {
            try Data(actual.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }
}

@Suite("CSV reader")
struct ReportCSVReaderTests {
    @Test("RFC 4180: quotes, doubled quotes, separators and line ends inside quotes, CRLF, no final line end")
    func records() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\nlast,\"\",z"
        #expect(try ReportCSVReader.records(text) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""], ["last", "", "z"]])
        #expect(try ReportCSVReader.records("") == [])
    }

    @Test("Malformed CSV is refused with its line")
    func malformed() {
        #expect(throws: CSVError.self) { try ReportCSVReader.records("a,b\n\"open,b\n") }
        #expect(throws: CSVError.self) { try ReportCSVReader.records("a,b\nx\"y,b\n") }
        #expect(throws: CSVError.self) { try ReportCSVReader.records("a,b\n\"q\"x,b\n") }
        do {
            _ = try ReportCSVReader.records("a\nb\n\"c\n")
        } catch {
            #expect(error.message.hasPrefix("line 3"))
        }
    }

    @Test("Written CSVs read back into the same report: rewriting gives the same bytes")
    func roundTrip() throws {
        let directory = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = ReportFixtures.sample()
        try report.write(to: directory)
        let back = try RunReport.read(fromDirectory: directory, seed: 42)
        #expect(back.scenario == report.scenario && back.seed == 42)
        #expect(back.destinations == report.destinations)
        #expect(back.replications.count == report.replications.count)
        let rr1 = try #require(back.replications.first { $0.algorithm == ReportFixtures.rr && $0.replication == 2 })
        #expect(rr1.summary.detectSeconds == nil && rr1.summary.recoverSeconds == nil)
        #expect(rr1.summary.offered == 110 && rr1.destinations.map(\.name) == ["gw-a", ReportFixtures.commaName])
        #expect(rr1.events.first?.cause == "probe-timeout" && rr1.timeseries.count == 4)
        for table in RunReport.tables {
            #expect(try table.document(for: back).text == table.document(for: report).text, "\(table.fileName)")
        }
        #expect(back.html(context: HTMLReportTests.context) == report.html(context: HTMLReportTests.context))
    }

    @Test("A missing file or column names the file")
    func missing() throws {
        let directory = ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ReportFixtures.sample().write(to: directory)
        try Data("algorithm,replication\n".utf8).write(to: URL(fileURLWithPath: directory + "/events.csv"))
        #expect {
            try RunReport.read(fromDirectory: directory)
        } throws: { error in
            (error as? ReportFileError).map { $0.path.hasSuffix("events.csv") && $0.reason.contains("t_s") } ?? false
        }
        try FileManager.default.removeItem(atPath: directory + "/summary.csv")
        #expect(throws: ReportFileError.self) { try RunReport.read(fromDirectory: directory) }
    }
}
