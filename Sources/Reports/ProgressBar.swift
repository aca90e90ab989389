import Foundation

/// A one-line progress bar on standard error, for long simulations.
///
/// It draws only when standard error is a terminal: redirected to a file or a
/// CI log, a bar redrawn with carriage returns is noise, so then it prints
/// nothing at all. It writes to stderr, never stdout, so that piping a
/// command's output stays clean. Redraws are throttled (by default to at most
/// ten a second) because the simulator may report progress after every event,
/// and writing to a terminal is far slower than simulating a call.
///
/// It uses no escape sequences: a shorter line overwrites a longer one by
/// padding with spaces.
///
/// ```swift
/// var progress = ProgressBar()
/// progress.update(fraction: done / total, label: "round-robin 2/10")
/// progress.finish()
/// ```
public struct ProgressBar: Sendable {
    /// Whether anything will be drawn.
    public let isEnabled: Bool
    /// The shortest time between two redraws, in seconds.
    public let minimumInterval: Double
    /// Characters in the bar itself.
    public let width: Int

    private let output: @Sendable (String) -> Void
    private let start = ContinuousClock.now
    private var lastDrawTime: Double?
    private var lastLineLength = 0
    private var last: (fraction: Double, label: String)?

    /// A bar on standard error, enabled exactly when standard error is a terminal.
    public init(minimumInterval: Double = 0.1, width: Int = 30) {
        self.init(isEnabled: isatty(2) != 0, minimumInterval: minimumInterval, width: width) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// A bar that writes to `output` when `isEnabled`: for tests, or to draw
    /// somewhere other than standard error.
    public init(isEnabled: Bool, minimumInterval: Double = 0.1, width: Int = 30, output: @escaping @Sendable (String) -> Void) {
        self.isEnabled = isEnabled
        self.minimumInterval = minimumInterval
        self.width = max(1, width)
        self.output = output
    }

    /// Reports progress, reading the time from a monotonic clock.
    public mutating func update(fraction: Double, label: String) {
        let elapsed = ContinuousClock.now - self.start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        self.update(fraction: fraction, label: label, now: seconds)
    }

    /// Reports progress at `now`, a monotonic time in seconds supplied by the
    /// caller (which makes the throttling testable). `fraction` is clamped to
    /// 0...1. Draws if this is the first update, if `minimumInterval` has
    /// passed since the last redraw, or if the work is complete.
    public mutating func update(fraction: Double, label: String, now: Double) {
        guard self.isEnabled else { return }
        let fraction = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        self.last = (fraction, label)
        if let lastDrawTime = self.lastDrawTime, now - lastDrawTime < self.minimumInterval, fraction < 1 {
            return
        }
        self.lastDrawTime = now
        self.draw(fraction: fraction, label: label)
    }

    /// Draws the latest state, unthrottled, and ends the line so that later
    /// output starts on a fresh one. Does nothing if nothing was ever reported.
    public mutating func finish() {
        guard self.isEnabled, let last = self.last else { return }
        self.draw(fraction: last.fraction, label: last.label)
        self.output("\n")
        self.last = nil
        self.lastDrawTime = nil
        self.lastLineLength = 0
    }

    private mutating func draw(fraction: Double, label: String) {
        let filled = Int((fraction * Double(self.width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: self.width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        var line = "[\(bar)] \(percent)%"
        // A line break in the label would leave the carriage return nothing to rewind.
        let label = String(label.map { $0.isNewline ? " " : $0 })
        if !label.isEmpty { line += " " + label }
        let padding = String(repeating: " ", count: max(0, self.lastLineLength - line.count))
        self.lastLineLength = line.count
        self.output("\r" + line + padding)
    }
}
