/// A report file could not be created, written or closed.
///
/// Carries the path so that the command line can say which file failed (a full
/// disk or a read-only output folder is the usual cause), rather than a bare
/// Foundation error with no context.
public struct ReportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// What went wrong.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "error: \(self.path): \(self.reason)" }
}
