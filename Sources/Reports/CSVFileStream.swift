import Foundation

/// Writes a CSV file row by row, holding at most one buffer of text in memory.
///
/// `CSVWriter` keeps the whole document in memory, which suits the small files.
/// The per-call log and the time series grow with the run's length, so they are
/// streamed through here instead; the bytes are the same because every line is
/// formatted by `CSVWriter.line`. Output is buffered and handed to the file in
/// chunks of `flushThreshold` bytes so that a million-call run does not make a
/// million system calls.
///
/// Not thread-safe: one writer per file, used from one task.
final class CSVFileStream {
    /// Bytes buffered before they are written out.
    static let flushThreshold = 64 * 1024

    let path: String
    let header: [String]
    let decimals: Int
    /// Data rows appended so far.
    private(set) var rowCount = 0
    private var handle: FileHandle?
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `path` and buffers the header row.
    init(path: String, header: [String], decimals: Int = 6) throws(ReportFileError) {
        self.path = path
        self.header = header
        self.decimals = decimals
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ReportFileError(path: path, reason: "cannot create the file")
        }
        do {
            self.handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } catch {
            throw ReportFileError(path: path, reason: "cannot open the file for writing: \(error.localizedDescription)")
        }
        self.buffer.reserveCapacity(Self.flushThreshold + 1024)
        self.buffer.append(contentsOf: CSVWriter.line(header).utf8)
    }

    /// If the owner forgot `close()`, the rows buffered so far still reach the
    /// file; any error is lost here, which is why `close()` exists.
    deinit {
        try? self.close()
    }

    /// Appends one row; refuses a row without one field per column, as
    /// `CSVWriter.appendRow` does, and a row after `close()`.
    func appendRow(_ fields: [CSVField]) throws {
        guard self.handle != nil else {
            throw ReportFileError(path: self.path, reason: "row appended after the file was closed")
        }
        guard fields.count == self.header.count else {
            throw CSVError(message: "expected \(self.header.count) fields (\(self.header.joined(separator: ","))) in row \(self.rowCount + 1), got \(fields.count)")
        }
        self.buffer.append(contentsOf: CSVWriter.line(fields.map { $0.text(decimals: self.decimals) }).utf8)
        self.rowCount += 1
        if self.buffer.count >= Self.flushThreshold {
            try self.flush()
        }
    }

    /// Writes out whatever is buffered.
    func flush() throws(ReportFileError) {
        guard let handle = self.handle, !self.buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: self.buffer)
        } catch {
            throw ReportFileError(path: self.path, reason: "write failed: \(error.localizedDescription)")
        }
        self.buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file. Closing twice is harmless. The file is closed
    /// even when the final flush fails, so a full disk does not also leak a
    /// descriptor; the first error is the one thrown.
    func close() throws(ReportFileError) {
        guard let handle = self.handle else { return }
        var failure: ReportFileError?
        do {
            try self.flush()
        } catch {
            failure = error
        }
        self.handle = nil
        do {
            try handle.close()
        } catch {
            failure = failure ?? ReportFileError(path: self.path, reason: "close failed: \(error.localizedDescription)")
        }
        if let failure { throw failure }
    }
}
