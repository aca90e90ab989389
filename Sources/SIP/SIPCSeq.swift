/// CSeq (RFC 3261 section 20.16): orders requests within a dialog and names the
/// method a response answers, which a proxy needs to match replies to transactions.
public struct SIPCSeq: Equatable, Sendable {
    /// Below 2**31, as RFC 3261 8.1.1.5 requires.
    public var number: UInt32
    public var method: String

    public init(number: UInt32, method: String) {
        self.number = number
        self.method = method
    }

    static func parse(_ value: ArraySlice<UInt8>) -> SIPCSeq? {
        var scanner = ValueScanner(value)
        scanner.skipLWS()
        let digits = scanner.run(while: ASCII.isDigit)
        guard !digits.isEmpty else { return nil }
        var number: UInt64 = 0
        for digit in digits {
            number = number * 10 + UInt64(digit - 0x30)
            guard number < 1 << 31 else { return nil }
        }
        let beforeMethod = scanner.index
        scanner.skipLWS()
        guard scanner.index > beforeMethod, let method = scanner.token() else { return nil }
        scanner.skipLWS()
        guard scanner.isAtEnd else { return nil }
        return SIPCSeq(number: UInt32(number), method: ASCII.string(method))
    }
}
