extension DestinationAttributes {
    /// Reads a Kamailio `attrs` field (`name=value;name=value`) the way Kamailio does,
    /// never failing, so attrs taken from a running Kamailio (database rows, RPC
    /// output) load as they load there.
    ///
    /// Names are case-insensitive; one trailing `;` is dropped; the text is kept in
    /// `body`. A weight or rweight outside 1–100 or not a number becomes 0, as in
    /// Kamailio; any other malformed number leaves its field at the default. List
    /// files are read with the strict `parse(_:at:)` instead, which refuses those.
    public init(parsing body: String) {
        self = Self.decode(body).attributes
    }

    /// Reads an `attrs` field strictly: a value the dispatcher cannot use is refused
    /// with the column of that value. `location` is where the field's first
    /// character was written.
    static func parse(_ body: String, at location: SourceLocation) throws(ListError) -> DestinationAttributes {
        let (attributes, problems) = Self.decode(body)
        if let problem = problems.first {
            var at = location
            at.column += problem.offset
            throw ListError(at, problem.message)
        }
        return attributes
    }

    /// A value the strict reader refuses: its offset in the field, in characters.
    struct Problem {
        var offset: Int
        var message: String
    }

    /// The names the dispatcher gives a meaning to, in the order `kamailioText` writes them.
    static let typedNames = ["duid", "weight", "rweight", "maxload", "capacity", "latency", "cc", "socket", "sockname", "ping_from", "obproxy"]

    /// Decodes every pair, keeping what is usable and listing what is not.
    static func decode(_ body: String) -> (attributes: DestinationAttributes, problems: [Problem]) {
        var attributes = DestinationAttributes()
        var problems: [Problem] = []
        var text = Substring(body)
        if text.last == ";" { text = text.dropLast() }
        attributes.body = String(text)

        var offset = 0
        for pair in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += pair.count + 1 }
            guard pair.contains(where: { !$0.isFieldSpace }) else { continue }
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            let name = pair[..<equals].trimmingASCIIWhitespace()
            let rawValue = equals == pair.endIndex ? pair[equals...] : pair[pair.index(after: equals)...]
            let valueStart = rawValue.firstIndex(where: { !$0.isFieldSpace }) ?? rawValue.endIndex
            let value = rawValue.trimmingASCIIWhitespace()
            let valueOffset = offset + pair.distance(from: pair.startIndex, to: valueStart)
            if name.isEmpty {
                problems.append(Problem(offset: offset, message: "expected an attribute name before '=', found '\(pair)'"))
                continue
            }
            if let message = attributes.apply(name: name, value: value) {
                problems.append(Problem(offset: valueOffset, message: message))
            }
        }
        return (attributes, problems)
    }

    /// Why `value` cannot be used for `name`, or nil when it can. Shared with the
    /// block format so that both refuse the same values with the same words.
    static func problem(name: String, value: String) -> String? {
        var scratch = DestinationAttributes()
        return scratch.apply(name: name, value: value)
    }

    /// Stores one pair: a typed field for the names Kamailio knows, `extra` for the
    /// rest. Returns why the value was not usable, leaving the field at its default.
    private mutating func apply(name: String, value: String) -> String? {
        switch name.lowercased() {
        case "weight":
            guard let n = value.signedDecimal else { return "expected an integer (1-100) for weight, found '\(value)'" }
            self.weight = (1...100).contains(n) ? n : 0
        case "rweight":
            guard let n = value.signedDecimal else { return "expected an integer (1-100) for rweight, found '\(value)'" }
            self.rweight = (1...100).contains(n) ? n : 0
        case "duid":
            guard !value.isEmpty else { return "expected a unique id for duid, found nothing" }
            self.duid = value
        case "maxload":
            guard let n = value.unsignedDecimal else { return "expected an integer 0 or more for maxload, found '\(value)'" }
            self.maxload = n
        case "capacity":
            guard let n = value.unsignedDecimal, n > 0 else { return "expected an integer 1 or more for capacity, found '\(value)'" }
            self.capacity = n
        case "latency":
            guard let n = value.unsignedDecimal else { return "expected an integer 0 or more (milliseconds) for latency, found '\(value)'" }
            self.latency = n
        case "cc":
            guard let n = value.signedDecimal else { return "expected an integer for cc (1 enables congestion control), found '\(value)'" }
            self.congestionControl = n != 0
        case "socket": self.socket = value
        case "sockname": self.sockname = value
        case "ping_from": self.pingFrom = value
        case "obproxy": self.obproxy = value
        default: self.extra.append(Attribute(name: name, value: value))
        }
        return nil
    }

    /// The attrs field to write for these attributes: `body` when it still says what
    /// the typed fields say, else the fields written out (typed names first, then
    /// `extra` in order), so an edited value is not lost on the way out.
    var kamailioText: String {
        var reread = DestinationAttributes(parsing: self.body)
        reread.body = self.body
        if reread == self { return self.body }

        return self.fieldsText
    }

    /// The typed fields written out as Kamailio's attrs text, in a fixed order
    /// (typed names first, then `extra` in order): the same attributes always give
    /// the same text, whether they were read from a list or written inline.
    public var fieldsText: String {
        var pairs: [String] = []
        if let duid = self.duid { pairs.append("duid=\(duid)") }
        if self.weight != 0 { pairs.append("weight=\(self.weight)") }
        if self.rweight != 0 { pairs.append("rweight=\(self.rweight)") }
        if self.maxload != 0 { pairs.append("maxload=\(self.maxload)") }
        if let capacity = self.capacity { pairs.append("capacity=\(capacity)") }
        if let latency = self.latency { pairs.append("latency=\(latency)") }
        if self.congestionControl { pairs.append("cc=1") }
        if let socket = self.socket { pairs.append("socket=\(socket)") }
        if let sockname = self.sockname { pairs.append("sockname=\(sockname)") }
        if let pingFrom = self.pingFrom { pairs.append("ping_from=\(pingFrom)") }
        if let obproxy = self.obproxy { pairs.append("obproxy=\(obproxy)") }
        pairs += self.extra.map { "\($0.name)=\($0.value)" }
        return pairs.joined(separator: ";")
    }
}
