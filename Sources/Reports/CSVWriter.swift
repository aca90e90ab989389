import Foundation

/// Builds an RFC 4180 CSV document in memory: a header row, then rows of fields.
///
/// Every report file goes through here so that all of them follow one dialect,
/// and the same run produces byte-identical files:
///
/// - UTF-8, fields separated by `,`, a header row first;
/// - a field is quoted when it contains `,`, `"`, CR or LF (or starts or ends with
///   a space, which some readers would trim), with inner `"` doubled;
/// - **LF line endings**, including after the last row. RFC 4180 says CRLF, but
///   every CSV reader accepts LF, and LF keeps the files diffable and friendly to
///   `grep`, `wc -l` and golden-file tests; CR and LF inside a field are kept
///   verbatim inside quotes;
/// - numbers via `DecimalFormat` (locale-free, no exponent), integers as
///   integers, NaN as an empty field.
///
/// ```swift
/// var csv = CSVWriter(header: ["algorithm", "answered", "blocking"])
/// try csv.appendRow(["round-robin", .integer(9_871), .number(0.0129)])
/// try csv.write(toFile: "out/summary.csv")
/// ```
public struct CSVWriter: Sendable {
    /// The line terminator used after every record.
    public static let lineEnding = "\n"

    /// The column names, in order.
    public let header: [String]
    /// Decimal places for `.number` fields.
    public let decimals: Int
    /// The document so far.
    public private(set) var text: String
    /// Data rows appended so far (the header is not counted).
    public private(set) var rowCount = 0

    /// Starts a document with its header row. `decimals` (default 6) is how many
    /// decimal places `.number` fields keep.
    public init(header: [String], decimals: Int = 6) {
        self.header = header
        self.decimals = decimals
        self.text = Self.line(header)
    }

    /// Appends one row. Throws if it does not have one field per column: a short
    /// row would silently shift every later column for the reader.
    public mutating func appendRow(_ fields: [CSVField]) throws(CSVError) {
        guard fields.count == self.header.count else {
            throw CSVError(message: "expected \(self.header.count) fields (\(self.header.joined(separator: ","))) in row \(self.rowCount + 1), got \(fields.count)")
        }
        self.text += Self.line(fields.map { $0.text(decimals: self.decimals) })
        self.rowCount += 1
    }

    /// Writes the document to `path` as UTF-8, replacing any existing file.
    public func write(toFile path: String) throws {
        try Data(self.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// One record: the fields escaped, joined by `,`, ending in `lineEnding`.
    ///
    /// Public so that writers which stream rows to disk instead of keeping the
    /// document in memory (the per-call log, the time series) produce exactly the
    /// bytes this type would.
    public static func line(_ fields: [String]) -> String {
        fields.map(Self.escape).joined(separator: ",") + Self.lineEnding
    }

    /// One field as RFC 4180 wants it: unchanged unless it contains `,`, `"`, CR or
    /// LF or has leading or trailing spaces; then wrapped in quotes with inner quotes
    /// doubled.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One CSV value. Numbers are formatted by the writer, so every file uses the
/// same rules; string, integer and float literals convert implicitly.
public enum CSVField: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// Written as is (quoted if needed).
    case text(String)
    /// Written in decimal digits.
    case integer(Int)
    /// Written by `DecimalFormat` with the writer's decimal places; NaN is empty.
    case number(Double)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }

    /// The field's text before quoting.
    public func text(decimals: Int) -> String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): DecimalFormat.string(value, decimals: decimals)
        }
    }
}

/// A row that does not fit the header.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was expected and what was given.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { "error: \(self.message)" }
}
