extension DestinationList {
    /// Reads either list format, so a scenario can point at whichever file the user
    /// has: the block form when the first token (after comments) is `dispatcher`
    /// followed by `{`, else Kamailio's `dispatcher.list` format, whose lines start
    /// with a numeric set id and so can never be mistaken for a block.
    public init(parsing text: String, file: String) throws(ListError) {
        if Self.isBlockFormat(text) {
            try self.init(block: text, file: file)
        } else {
            try self.init(kamailioList: text, file: file)
        }
    }

    /// Whether the text opens with `dispatcher {`.
    static func isBlockFormat(_ text: String) -> Bool {
        var tokenizer = BlockTokenizer(text, file: "")
        guard let first = try? tokenizer.next(), first.kind == .word, first.text == "dispatcher",
              let second = try? tokenizer.next() else { return false }
        return second.isSymbol("{")
    }
}
