import Dispatcher

extension ArrivalProcess {
    /// Reads a call trace: CSV rows `start,duration` in seconds (plain decimal
    /// numbers, `.` as the decimal point), one call per row.
    ///
    /// A header row `start,duration` is allowed as the first row. Blank lines and
    /// lines starting with `#` are skipped; LF and CRLF line endings are both
    /// accepted. Anything else is refused with the file, line and column of the
    /// first bad field and what was expected there, because a trace that is
    /// silently misread would make every result wrong.
    public static func loadTrace(csvText: String, file: String) throws(WorkloadError) -> ArrivalProcess {
        var calls: [TraceCall] = []
        var sawRow = false
        var lineNumber = 0
        // Swift treats CRLF as one Character, so split on either terminator.
        let lines = csvText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for line in lines {
            lineNumber += 1
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }

            let fields = Self.fields(of: line)
            let here = { (column: Int) in SourceLocation(file: file, line: lineNumber, column: column) }
            if !sawRow, fields.count == 2,
               fields[0].text.lowercased() == "start", fields[1].text.lowercased() == "duration" {
                sawRow = true
                continue
            }
            sawRow = true
            guard fields.count == 2 else {
                let column = fields.count > 2 ? fields[2].column : line.count + 1
                throw WorkloadError("expected 2 fields 'start,duration', found \(fields.count)", at: here(column))
            }
            var values: [Double] = []
            for (field, name) in zip(fields, ["start time", "duration"]) {
                guard let value = Double(field.text), value.isFinite, value >= 0,
                      field.text.allSatisfy({ "0123456789.eE+-".contains($0) }) else {
                    throw WorkloadError("expected a non-negative number of seconds as the \(name), found '\(field.text)'", at: here(field.column))
                }
                values.append(value)
            }
            calls.append(TraceCall(start: values[0], duration: values[1]))
        }
        guard !calls.isEmpty else {
            throw WorkloadError("expected at least one 'start,duration' row in the trace", at: SourceLocation(file: file, line: max(lineNumber, 1), column: 1))
        }
        return .trace(calls)
    }

    /// Splits a line at commas, trimming spaces, remembering each field's 1-based
    /// column (of its first non-space character) for error messages.
    private static func fields(of line: Substring) -> [(text: String, column: Int)] {
        var result: [(text: String, column: Int)] = []
        var column = 1
        for piece in line.split(separator: ",", omittingEmptySubsequences: false) {
            let leading = piece.prefix(while: { $0 == " " || $0 == "\t" }).count
            result.append((text: piece.trimmingSpaces(), column: column + leading))
            column += piece.count + 1
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isSpace($0) }),
              let last = self.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
