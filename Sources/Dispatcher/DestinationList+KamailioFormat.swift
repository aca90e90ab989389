extension DestinationList {
    /// Reads a Kamailio `dispatcher.list`, so users can bring the file their proxy
    /// already loads.
    ///
    /// Each line is `setid uri [flags [priority [attrs]]]`, separated by spaces or
    /// tabs. Blank lines and lines starting with `#` are ignored; `#` also starts a
    /// trailing comment, and ends any field but `attrs` (which Kamailio reads up to
    /// the next space). A URI without `sip:`/`sips:` gets `sip:`. Unlike Kamailio,
    /// which logs and skips what it cannot use, a bad line is refused with
    /// `file:line:column` and what was expected there: a simulation of a list that
    /// is not the one the user wrote would answer the wrong question.
    public init(kamailioList text: String, file: String) throws(ListError) {
        var entries: [DestinationSpec] = []
        for (index, line) in text.listLines.enumerated() {
            if let entry = try KamailioLine(line, file: file, line: index + 1).destination() {
                entries.append(entry)
            }
        }
        self.init(entries: entries)
        try self.validate()
    }

    /// The list in Kamailio's `dispatcher.list` format, in declaration order (so
    /// reading it back gives the same index order), one
    /// `setid uri flags priority [attrs]` line per entry.
    ///
    /// Modes from `dispatcher { }` blocks have no place in this format (Kamailio
    /// takes the algorithm from `ds_select_dst`), so they are written as comments.
    public func kamailioListText() -> String {
        var text = "# setid destination flags priority attrs\n"
        for setID in self.modes.keys.sorted() {
            if let mode = self.modes[setID] {
                text += "# set \(setID) mode: \(mode.name)\n"
            }
        }
        for entry in self.entries {
            text += "\(entry.setID) \(entry.uri) \(entry.flags.rawValue) \(entry.priority)"
            let attributes = entry.attributes.kamailioText
            if !attributes.isEmpty { text += " \(attributes)" }
            text += "\n"
        }
        return text
    }
}

/// One line of a Kamailio list, split into fields that remember their columns.
private struct KamailioLine {
    struct Field {
        var text: Substring
        var column: Int
    }

    /// The flag bits Kamailio 5.6 defines (1 I, 2 T, 4 D, 8 P, 16 no DNS).
    static let knownFlags = 0...31

    let file: String
    let line: Int
    let fields: [Field]
    /// The column just past the last field, for "expected X" at the end of a line.
    let endColumn: Int

    init(_ text: Substring, file: String, line: Int) {
        self.file = file
        self.line = line
        var fields: [Field] = []
        var column = 1
        var index = text.startIndex
        var end = 1
        while index < text.endIndex {
            let c = text[index]
            if c.isFieldSpace {
                text.formIndex(after: &index)
                column += 1
                continue
            }
            if c == "#" { break }
            // attrs (the fifth field) is read up to the next space, `#` included.
            let keepsHash = fields.count == 4
            let start = index
            let startColumn = column
            while index < text.endIndex, !text[index].isFieldSpace, keepsHash || text[index] != "#" {
                text.formIndex(after: &index)
                column += 1
            }
            fields.append(Field(text: text[start..<index], column: startColumn))
            end = column
        }
        self.fields = fields
        self.endColumn = end
    }

    func location(_ column: Int) -> SourceLocation {
        SourceLocation(file: self.file, line: self.line, column: column)
    }

    /// The entry this line declares, nil for a blank or comment line.
    func destination() throws(ListError) -> DestinationSpec? {
        guard let setIDField = self.fields.first else { return nil }
        guard let setID = setIDField.text.unsignedDecimal else {
            throw ListError(self.location(setIDField.column), "expected a set id (unsigned integer), found '\(setIDField.text)'")
        }

        guard self.fields.count > 1 else {
            throw ListError(self.location(self.endColumn), "expected a destination URI after the set id")
        }
        let uriField = self.fields[1]
        let uri: String
        switch DestinationURI.normalized(uriField.text) {
        case .success(let normalized): uri = normalized
        case .failure(let problem): throw ListError(self.location(uriField.column + problem.offset), problem.message)
        }

        var spec = DestinationSpec(setID: setID, uri: uri, location: self.location(1))
        if self.fields.count > 2 {
            let field = self.fields[2]
            guard let flags = field.text.unsignedDecimal, Self.knownFlags.contains(flags) else {
                throw ListError(self.location(field.column),
                                "expected flags (unsigned integer 0-31: 1 inactive, 2 trying, 4 disabled, 8 probing, 16 no DNS), found '\(field.text)'")
            }
            spec.flags = StateFlags(rawValue: UInt8(flags))
        }
        if self.fields.count > 3 {
            let field = self.fields[3]
            guard let priority = field.text.unsignedDecimal else {
                let why = field.text.signedDecimal != nil ? "; a priority cannot be negative" : ""
                throw ListError(self.location(field.column), "expected a priority (unsigned integer), found '\(field.text)'\(why)")
            }
            spec.priority = priority
        }
        if self.fields.count > 4 {
            let field = self.fields[4]
            spec.attributes = try DestinationAttributes.parse(String(field.text), at: self.location(field.column))
        }
        if self.fields.count > 5 {
            let field = self.fields[5]
            throw ListError(self.location(field.column),
                            "expected at most 5 fields (setid uri flags priority attrs), found '\(field.text)'; attrs cannot contain spaces")
        }
        return spec
    }
}
