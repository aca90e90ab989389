import Foundation
import Testing
import Reports

/// Collects what a progress bar draws.
final class DrawnText: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var parts: [String] = []

    func append(_ text: String) { self.lock.withLock { self.parts.append(text) } }
    var all: [String] { self.lock.withLock { self.parts } }
}

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("The default bar is enabled exactly when stderr is a terminal")
    func followsTerminal() {
        #expect(ProgressBar().isEnabled == (isatty(2) != 0))
    }

    @Test("Nothing at all is printed when not on a terminal")
    func silentWhenNotATerminal() {
        let drawn = DrawnText()
        var bar = ProgressBar(isEnabled: false) { drawn.append($0) }
        bar.update(fraction: 0.5, label: "round-robin 1/3")
        bar.update(fraction: 1, label: "done", now: 10)
        bar.finish()
        #expect(drawn.all.isEmpty)
    }

    @Test("Redraws are throttled, completion is always drawn, and finish ends the line")
    func throttling() {
        let drawn = DrawnText()
        var bar = ProgressBar(isEnabled: true, minimumInterval: 0.1, width: 10) { drawn.append($0) }
        bar.update(fraction: 0.1, label: "rr 1/3", now: 0)
        bar.update(fraction: 0.2, label: "rr 1/3", now: 0.05)  // too soon
        bar.update(fraction: 0.25, label: "rr", now: 0.15)
        bar.update(fraction: 1, label: "rr", now: 0.16)  // complete: drawn regardless
        bar.finish()
        #expect(drawn.all == [
            "\r[#---------] 10% rr 1/3",
            "\r[##--------] 25% rr    ",
            "\r[##########] 100% rr",
            "\r[##########] 100% rr",
            "\n",
        ])
        #expect(drawn.all.allSatisfy { !$0.contains("\u{1B}") })
    }
}
