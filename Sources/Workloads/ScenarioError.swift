import Dispatcher

/// A scenario file that cannot be run: where the problem is and what was expected
/// there.
///
/// Every error carries a position (`file:line:column`, 1-based, columns counted in
/// Unicode scalars as libyaml counts them), because the user has to find and fix the
/// input: a scenario is never run with a silently guessed value instead. Positions
/// may point into a file the scenario refers to (a destination list, a trace, a file
/// of empirical values) rather than into the scenario file itself.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What was expected, and what was found instead.
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, the form compilers use, so editors and CI
    /// logs can jump to it.
    public var description: String { "\(self.location): error: \(self.message)" }
}
