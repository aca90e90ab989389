import Dispatcher

/// A workload description that cannot be used: impossible parameters, or a trace
/// file that does not parse.
///
/// It says what was expected and, for files, where (file, line, column), because
/// the user has to fix the input: the simulator never guesses a default instead.
public struct WorkloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in a file the problem is, when the input came from a file.
    public var location: SourceLocation?
    /// What was expected and what was found.
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location = self.location {
            return "\(location): error: \(self.message)"
        }
        return "error: \(self.message)"
    }
}
