/// Streams `calls.csv` (`--calls-csv`): one row per finished call, for
/// analyses the summary cannot anticipate (setup-delay histograms, which caller
/// went where).
///
/// A run can have millions of calls, so rows are not kept: each is formatted
/// at once and written out in 64 KB chunks, and memory stays flat whatever the
/// run's length. The driver calls `append` as each call finishes and `close()`
/// at the end; `close()` is where a late write error (a full disk) surfaces, so
/// it must be called. If the writer is dropped without it, buffered rows are
/// still written on a best-effort basis.
///
/// Not `Sendable`: one writer belongs to one simulation loop.
public final class CallLogWriter {
    /// The file's columns, in order.
    public static let header = [
        "algorithm", "replication", "call", "arrival_s", "destination", "attempts", "outcome", "setup_ms", "holding_s",
    ]

    private let stream: CSVFileStream

    /// Creates (or truncates) the file at `path`; its directory must exist.
    public init(path: String) throws {
        self.stream = try CSVFileStream(path: path, header: Self.header)
    }

    /// Rows appended so far.
    public var rowCount: Int { self.stream.rowCount }

    /// Logs one finished call.
    ///
    /// - Parameters:
    ///   - callIndex: the call's number within its replication, as the driver counts them.
    ///   - arrival: seconds since the start of the run.
    ///   - destination: the destination that answered, else the last one tried; empty if none was tried.
    ///   - attempts: INVITEs sent for this call.
    ///   - outcome: `answered` or `blocked`.
    ///   - setupMs: arrival to answer in milliseconds; nil (an empty field) unless answered.
    ///   - holding: the call's holding time in seconds; nil (an empty field) unless answered.
    public func append(
        algorithm: String, replication: Int, callIndex: Int, arrival: Double, destination: String,
        attempts: Int, outcome: String, setupMs: Double?, holding: Double?
    ) throws {
        try self.stream.appendRow([
            .text(algorithm), .integer(replication), .integer(callIndex), .number(arrival), .text(destination),
            .integer(attempts), .text(outcome), setupMs.map(CSVField.number) ?? .text(""),
            holding.map(CSVField.number) ?? .text(""),
        ])
    }

    /// Writes out what is buffered and closes the file. Calling it again does nothing.
    public func close() throws {
        try self.stream.close()
    }
}
