/// One token of the `dispatcher { … }` block format, with where it starts.
struct BlockToken: Equatable {
    enum Kind: Equatable {
        /// A key or a bare value: letters, digits, `_`, `-`, `.`, `+`.
        case word
        /// A double-quoted string; `text` holds its content, escapes resolved.
        case string
        /// One of `{`, `}`, `=`, `;`.
        case symbol
        /// The end of the text.
        case end
    }

    var kind: Kind
    var text: String
    var line: Int
    var column: Int
    /// How many characters the token takes in the file, quotes included.
    var length: Int

    /// An integer when the token is a word of optionally signed decimal digits.
    var integer: Int? { self.kind == .word ? self.text.signedDecimal : nil }

    func isSymbol(_ symbol: String) -> Bool { self.kind == .symbol && self.text == symbol }

    /// The token as an error message quotes it.
    var quoted: String {
        switch self.kind {
        case .word, .symbol: "'\(self.text)'"
        case .string: "\"\(self.text)\""
        case .end: "end of file"
        }
    }
}

/// Splits block-format text into tokens, skipping spaces and `#` or `//` comments,
/// and tracking line and column so every error can point at its cause.
struct BlockTokenizer {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    let file: String

    init(_ text: String, file: String) {
        self.characters = Array(text)
        self.file = file
    }

    /// The next token; `.end` (repeatedly) once the text is used up.
    mutating func next() throws(ListError) -> BlockToken {
        self.skipSpaceAndComments()
        let line = self.line
        let column = self.column
        let start = self.index
        func token(_ kind: BlockToken.Kind, _ text: String) -> BlockToken {
            BlockToken(kind: kind, text: text, line: line, column: column, length: self.index - start)
        }
        guard let c = self.peek() else { return token(.end, "") }

        if "{}=;".contains(c) {
            self.advance()
            return token(.symbol, String(c))
        }
        if c == "\"" {
            return token(.string, try self.stringContent(openedAt: SourceLocation(file: self.file, line: line, column: column)))
        }
        if Self.isWordCharacter(c) {
            var text = ""
            while let w = self.peek(), Self.isWordCharacter(w) {
                text.append(w)
                self.advance()
            }
            return token(.word, text)
        }
        throw ListError(SourceLocation(file: self.file, line: line, column: column),
                        "unexpected character '\(c)'; expected a key, a value, '{', '}', '=' or ';'")
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == "+")
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        self.index + ahead < self.characters.count ? self.characters[self.index + ahead] : nil
    }

    private mutating func advance() {
        if self.characters[self.index].isLineBreak {
            self.line += 1
            self.column = 1
        } else {
            self.column += 1
        }
        self.index += 1
    }

    private mutating func skipSpaceAndComments() {
        while let c = self.peek() {
            if c == "#" || (c == "/" && self.peek(1) == "/") {
                while let d = self.peek(), !d.isLineBreak { self.advance() }
            } else if c.isWhitespace {
                self.advance()
            } else {
                return
            }
        }
    }

    /// Reads a quoted string from its opening quote; `\"` and `\\` escape. A string
    /// must end on the line it starts, so a forgotten quote is reported where it
    /// was opened rather than at the end of the file.
    private mutating func stringContent(openedAt start: SourceLocation) throws(ListError) -> String {
        self.advance()
        var text = ""
        while let c = self.peek(), !c.isLineBreak {
            self.advance()
            if c == "\"" { return text }
            if c == "\\", let escaped = self.peek(), !escaped.isLineBreak {
                self.advance()
                text.append(escaped)
            } else {
                text.append(c)
            }
        }
        throw ListError(start, "unterminated string; expected a closing '\"' on the same line")
    }
}
