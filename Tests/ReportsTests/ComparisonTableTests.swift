import Testing
import Reports

@Suite("Comparison table")
struct ComparisonTableTests {
    @Test("One aligned line per algorithm with mean ± ci95, plus header and footnote")
    func sample() {
        let table = ReportFixtures.sample().comparisonTable()
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 2 + 1)
        #expect(lines[0].hasPrefix("algorithm"))
        #expect(lines[1].hasPrefix("round-robin "))
        #expect(lines[2].hasPrefix("weighted "))
        #expect(table.hasSuffix("\n"))
        #expect(!table.contains("\u{1B}"))
        // round-robin blocking %: the mean of 2/100, 3/110 and 4/120, in percent.
        #expect(lines[1].contains("  2.69 ± 1.66  "))
        // round-robin never recovered: a lone "-" with no half-width beside it.
        #expect(lines[1].contains(" -  "))
        #expect(!lines[1].contains("- ±"))
        // The ± signs of the two rows line up, column by column.
        let plusMinus: (String) -> [Int] = { line in
            line.enumerated().filter { $0.element == "±" }.map(\.offset)
        }
        #expect(plusMinus(lines[1]).count == 7)
        #expect(plusMinus(lines[2]).count == 8)
        #expect(Set(plusMinus(lines[1])).isSubset(of: Set(plusMinus(lines[2]))))
        // Figures are right-aligned under their titles: every line's last column ends together.
        #expect(lines[0].count == lines[1].count && lines[1].count == lines[2].count)
    }

    @Test("One replication: means only, no ± and no footnote")
    func single() {
        var report = ReportFixtures.sample()
        report.replications = report.replications.filter { $0.replication == 1 }
        let table = report.comparisonTable()
        #expect(!table.contains("±"))
        #expect(table.split(separator: "\n").count == 3)
        #expect(table.contains("2.00"))
        // First-appearance order: weighted's replication 1 ran before round-robin's.
        #expect(table.split(separator: "\n")[1].hasPrefix("weighted "))
    }
}
