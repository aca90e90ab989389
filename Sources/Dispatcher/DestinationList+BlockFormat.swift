extension DestinationList {
    /// Reads the hand-written block form, for people who would rather name things
    /// than count Kamailio's columns:
    ///
    /// ```
    /// dispatcher {
    ///     mode = "round-robin";    # an algorithm name, alias or Kamailio number
    ///     setid = 1;               # the block's default set (1 when absent)
    ///     destination { host = "10.0.0.1"; port = 5060; weight = 50; }
    /// }
    /// ```
    ///
    /// Several blocks may follow one another. Values are quoted strings or integers,
    /// each statement ends with `;`, and `#` or `//` start comments. A block's
    /// `setid` applies to all its destinations that do not name their own, wherever
    /// in the block it is written; its `mode` goes to `modes[setid]`. A destination
    /// takes `protocol` (sip|sips), `host` (required), `port`, `transport`
    /// (udp|tcp|tls), `priority`, `setid`, `flags`, and attributes (`weight`,
    /// `rweight`, `maxload`, `duid`, `capacity` and Kamailio's other attrs names);
    /// any other key is kept as an extra attribute unless it looks like a misspelt
    /// known key. The attributes' `body` is what Kamailio would show, in file order.
    /// Anything else is refused with `file:line:column` and what was expected.
    public init(block text: String, file: String) throws(ListError) {
        var parser = try BlockParser(text, file: file)
        self = try parser.list()
        try self.validate()
    }
}

/// A recursive-descent reader of the block format over `BlockTokenizer`, one token
/// of lookahead.
private struct BlockParser {
    /// A value as written, with where it was written.
    struct Value {
        var token: BlockToken
        var text: String { self.token.text }
        var isString: Bool { self.token.kind == .string }
    }

    /// A destination before its block's default set id is known.
    struct PendingDestination {
        var spec: DestinationSpec
        var setID: Int?
    }

    static let blockKeys = "mode, setid, destination"
    static let destinationKeys = ["protocol", "host", "port", "transport", "priority", "setid", "flags"]
        + DestinationAttributes.typedNames

    var tokenizer: BlockTokenizer
    var current: BlockToken
    let file: String

    init(_ text: String, file: String) throws(ListError) {
        self.tokenizer = BlockTokenizer(text, file: file)
        self.current = try self.tokenizer.next()
        self.file = file
    }

    func location(_ token: BlockToken) -> SourceLocation {
        SourceLocation(file: self.file, line: token.line, column: token.column)
    }

    func error(_ token: BlockToken, _ message: String) -> ListError {
        ListError(self.location(token), message)
    }

    mutating func advance() throws(ListError) {
        self.current = try self.tokenizer.next()
    }

    /// Consumes `symbol` or refuses what stands there instead.
    mutating func expect(_ symbol: String, _ expectation: String) throws(ListError) {
        guard self.current.isSymbol(symbol) else {
            throw self.error(self.current, "\(expectation), found \(self.current.quoted)")
        }
        try self.advance()
    }

    // MARK: Blocks

    mutating func list() throws(ListError) -> DestinationList {
        var list = DestinationList()
        var modeLocations: [Int: SourceLocation] = [:]
        while self.current.kind != .end {
            guard self.current.kind == .word, self.current.text == "dispatcher" else {
                throw self.error(self.current, "expected 'dispatcher {' at the top level, found \(self.current.quoted)")
            }
            let opening = self.current
            try self.advance()
            try self.expect("{", "expected '{' after 'dispatcher'")
            try self.block(openedAt: opening, into: &list, modeLocations: &modeLocations)
        }
        return list
    }

    /// The statements of one block up to its `}`.
    mutating func block(openedAt opening: BlockToken, into list: inout DestinationList,
                        modeLocations: inout [Int: SourceLocation]) throws(ListError) {
        var setID = 1
        var mode: (algorithm: Algorithm, token: BlockToken)?
        var seen: [String: BlockToken] = [:]
        var destinations: [PendingDestination] = []
        while !self.current.isSymbol("}") {
            let key = self.current
            guard key.kind == .word else {
                throw self.error(key, self.closingExpectation("dispatcher block", opening))
            }
            let name = key.text.lowercased()
            if name == "destination" {
                destinations.append(try self.destination())
                continue
            }
            guard name == "mode" || name == "setid" else {
                throw self.error(key, "unknown key '\(key.text)' in dispatcher block; expected one of \(Self.blockKeys)")
            }
            if let first = seen[name] {
                throw self.error(key, "duplicate key '\(key.text)' in dispatcher block (first at \(self.location(first)))")
            }
            seen[name] = key
            let value = try self.statementValue(of: key)
            if name == "setid" {
                setID = try self.integer(value, for: "setid", in: 0...Int.max, "an integer 0 or more")
            } else {
                guard let algorithm = Algorithm(value.text) else {
                    throw self.error(value.token, "unknown algorithm '\(value.text)'; expected one of \(Algorithm.acceptedNames)")
                }
                mode = (algorithm, value.token)
            }
        }
        try self.advance()

        for pending in destinations {
            var spec = pending.spec
            spec.setID = pending.setID ?? setID
            list.entries.append(spec)
        }
        if let mode {
            if let previous = list.modes[setID], previous != mode.algorithm, let there = modeLocations[setID] {
                throw self.error(mode.token, "set \(setID) already has mode '\(previous.name)' (at \(there)); expected one mode per set")
            }
            list.modes[setID] = mode.algorithm
            modeLocations[setID] = self.location(mode.token)
        }
    }

    /// What is expected where a key or the closing brace should be.
    func closingExpectation(_ what: String, _ opening: BlockToken) -> String {
        if self.current.kind == .end {
            return "expected '}' to close the \(what) opened at \(self.location(opening)), found end of file"
        }
        return "expected a key or '}' in \(what), found \(self.current.quoted)"
    }

    /// `= value ;` after a key.
    mutating func statementValue(of key: BlockToken) throws(ListError) -> Value {
        try self.advance()
        try self.expect("=", "expected '=' after '\(key.text)'")
        let token = self.current
        guard token.kind == .string || token.integer != nil else {
            throw self.error(token, "expected a quoted string or an integer for '\(key.text)', found \(token.quoted)")
        }
        try self.advance()
        guard self.current.isSymbol(";") else {
            let after = SourceLocation(file: self.file, line: token.line, column: token.column + token.length)
            throw ListError(after, "expected ';' after value of '\(key.text)', found \(self.current.quoted)")
        }
        try self.advance()
        return Value(token: token)
    }

    func integer(_ value: Value, for key: String, in range: ClosedRange<Int>, _ expectation: String) throws(ListError) -> Int {
        guard let n = value.token.integer, range.contains(n) else {
            throw self.error(value.token, "expected \(expectation) for \(key), found \(value.token.quoted)")
        }
        return n
    }

    func choice(_ value: Value, for key: String, in choices: [String]) throws(ListError) -> String {
        let lowered = value.text.lowercased()
        guard value.isString, choices.contains(lowered) else {
            let expected = choices.map { "\"\($0)\"" }.joined(separator: " or ")
            throw self.error(value.token, "expected \(expected) for \(key), found \(value.token.quoted)")
        }
        return lowered
    }

    // MARK: Destinations

    /// `destination { key = value; … }`, with an optional `;` after the brace.
    mutating func destination() throws(ListError) -> PendingDestination {
        let opening = self.current
        try self.advance()
        try self.expect("{", "expected '{' after 'destination'")

        var scheme = "sip"
        var host: (text: String, token: BlockToken)?
        var port: Int?
        var transport: String?
        var spec = DestinationSpec(setID: 0, uri: "", location: self.location(opening))
        var setID: Int?
        var attributes: [String] = []
        var seen: [String: BlockToken] = [:]

        while !self.current.isSymbol("}") {
            let key = self.current
            guard key.kind == .word else {
                throw self.error(key, self.closingExpectation("destination", opening))
            }
            let name = key.text.lowercased()
            if let first = seen[name] {
                throw self.error(key, "duplicate key '\(key.text)' in destination (first at \(self.location(first)))")
            }
            seen[name] = key
            if !Self.destinationKeys.contains(name), let known = Self.nearMiss(name) {
                throw self.error(key, "unknown key '\(key.text)' in destination (did you mean '\(known)'?); expected one of "
                    + Self.destinationKeys.joined(separator: ", ") + ", or an attribute name not this close to one of them")
            }
            let value = try self.statementValue(of: key)
            switch name {
            case "protocol": scheme = try self.choice(value, for: "protocol", in: ["sip", "sips"])
            case "host":
                guard value.isString, !value.text.isEmpty else {
                    throw self.error(value.token, "expected a quoted host name or IP address for host, found \(value.token.quoted)")
                }
                host = (value.text, value.token)
            case "port": port = try self.integer(value, for: "port", in: 1...65535, "an integer 1-65535")
            case "transport": transport = try self.choice(value, for: "transport", in: ["udp", "tcp", "tls"])
            case "priority": spec.priority = try self.integer(value, for: "priority", in: 0...Int.max, "an integer 0 or more")
            case "setid": setID = try self.integer(value, for: "setid", in: 0...Int.max, "an integer 0 or more")
            case "flags":
                let flags = try self.integer(value, for: "flags", in: 0...31,
                                             "an integer 0-31 (1 inactive, 2 trying, 4 disabled, 8 probing, 16 no DNS)")
                spec.flags = StateFlags(rawValue: UInt8(flags))
            case "weight", "rweight":
                attributes.append("\(key.text)=\(try self.integer(value, for: name, in: 1...100, "an integer 1-100"))")
            default:
                attributes.append(try self.attribute(key, value))
            }
        }
        try self.advance()
        if self.current.isSymbol(";") { try self.advance() }

        guard let host else {
            throw self.error(opening, "expected a host in destination (for example host = \"10.0.0.1\";)")
        }
        var uri = "\(scheme):\(DestinationURI.uriHost(host.text))"
        if let port { uri += ":\(port)" }
        if let transport { uri += ";transport=\(transport)" }
        if case .failure(let problem) = DestinationURI.normalized(Substring(uri)) {
            throw self.error(host.token, problem.message)
        }
        spec.uri = uri
        spec.attributes = DestinationAttributes(parsing: attributes.joined(separator: ";"))
        return PendingDestination(spec: spec, setID: setID)
    }

    /// `name=value` for the attrs body, refused when Kamailio's attrs could not
    /// carry it (a space or `;`) or the dispatcher could not use it.
    func attribute(_ key: BlockToken, _ value: Value) throws(ListError) -> String {
        let text = value.token.integer.map(String.init) ?? value.text
        if text.contains(where: { $0.isWhitespace || $0 == ";" }) {
            throw self.error(value.token, "expected a value without spaces or ';' for '\(key.text)' (it goes into Kamailio's attrs), found \(value.token.quoted)")
        }
        if let problem = DestinationAttributes.problem(name: key.text, value: text) {
            throw self.error(value.token, problem)
        }
        return "\(key.text)=\(text)"
    }

    /// The known key `name` is probably a misspelling of, if any: within one edit
    /// for short keys, two for keys of six letters or more.
    static func nearMiss(_ name: String) -> String? {
        Self.destinationKeys.first { known in
            Self.editDistance(name, known) <= (known.count >= 6 ? 2 : 1)
        }
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let substitution = diagonal + (x == y ? 0 : 1)
                diagonal = row[j + 1]
                row[j + 1] = min(substitution, row[j + 1] + 1, row[j] + 1)
            }
        }
        return row[b.count]
    }
}
