/// Small text helpers shared by the list parsers.
///
/// Columns everywhere are 1-based counts of `Character`s (a tab counts as one), so
/// that an error points where an editor's cursor would be on ASCII files.

extension Character {
    /// `\n`, `\r\n` (one `Character` in Swift) or a lone `\r`: the line ends of the
    /// files people write on any platform.
    var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }

    /// A space or a tab: what separates fields in a Kamailio list line.
    var isFieldSpace: Bool { self == " " || self == "\t" }

    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}

extension StringProtocol {
    /// The value of an unsigned decimal written with ASCII digits only (no sign, no
    /// spaces), as Kamailio reads set ids, flags and priorities; nil otherwise or on
    /// overflow.
    var unsignedDecimal: Int? {
        guard !self.isEmpty, self.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(self)
    }

    /// The value of an optionally negative decimal integer; nil otherwise or on overflow.
    var signedDecimal: Int? {
        if self.first == "-" { return self.dropFirst().unsignedDecimal.map { -$0 } }
        return self.unsignedDecimal
    }
}

extension String {
    /// The lines of a text, split at any line break; a final line break does not
    /// add an empty line.
    var listLines: [Substring] {
        var lines = self.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
