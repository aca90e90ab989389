import Dispatcher

/// The SIP identities of generated calls, for the hash-based algorithms.
///
/// Hashing on Call-ID, From or To only means something if the keys look like
/// real ones: a fixed population of subscribers calling each other, with Call-IDs
/// in the usual `localid@host` form. Caller `i` (0-based) is the subscriber
/// `sip:+1555<i, 7 digits>@<domain>`; callees are drawn from the same numbering
/// (a subscriber may call itself, which is harmless for routing). Each call picks
/// its caller and callee uniformly with the generator passed in (the `.callers`
/// stream), so the same caller places the same calls under every algorithm.
///
/// Call-IDs are `<16 hex digits>@pc<caller>.<domain>`, e.g.
/// `9f0c3a1b5e2d7c40@pc42.example.com` (RFC 3261's example is
/// `a84b4c76e66710@pc33.atlanta.com`): the hex part is a bijective mix of a per-run
/// salt and the call counter, so Call-IDs never repeat within a run, vary between
/// replications and look random to a hash.
public struct CallerPopulation: Sendable, Hashable {
    /// How many distinct subscribers there are.
    public let callers: Int
    /// The SIP domain of every URI.
    public let domain: String
    /// Calls generated so far.
    public private(set) var issued: UInt64 = 0
    private var salt: UInt64?

    /// Throws unless `callers` is at least 1 and `domain` is a plain host name
    /// (letters, digits, `-` and `.`), so the URIs are valid SIP.
    public init(callers: Int, domain: String = "example.com") throws(WorkloadError) {
        guard callers >= 1 else {
            throw WorkloadError("expected at least 1 caller, got \(callers)")
        }
        guard !domain.isEmpty, domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            throw WorkloadError("expected a host name as the caller domain, got '\(domain)'")
        }
        self.callers = callers
        self.domain = domain
    }

    /// The URI of subscriber `index`: `sip:+15550000042@example.com`.
    public func uri(of index: Int) -> String {
        "sip:+1555\(Self.padded(index, width: 7))@\(self.domain)"
    }

    /// The identities of the next call. Draws the caller, then the callee, and (on
    /// the first call only) the Call-ID salt, from `generator`.
    public mutating func nextCall(using generator: inout some RandomNumberGenerator) -> CallIdentity {
        let salt: UInt64
        if let existing = self.salt {
            salt = existing
        } else {
            salt = generator.next()
            self.salt = salt
        }
        let caller = generator.nextIndex(below: self.callers)
        let callee = generator.nextIndex(below: self.callers)
        let local = SplitMix64.mix(salt &+ self.issued)
        self.issued &+= 1
        let hex = String(local, radix: 16)
        let callID = String(repeating: "0", count: 16 - hex.count) + hex + "@pc\(caller).\(self.domain)"
        return CallIdentity(callID: callID, from: self.uri(of: caller), to: self.uri(of: callee), caller: caller, callee: callee)
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Who calls whom, and the call's Call-ID: the request keys the hash algorithms
/// read (From for 1, To and R-URI for 2 and 3, Call-ID for 0).
public struct CallIdentity: Sendable, Hashable {
    /// The Call-ID header value, unique within the run.
    public var callID: String
    /// The From URI (the caller's address of record).
    public var from: String
    /// The To URI, also used as the Request-URI.
    public var to: String
    /// The caller's index in the population.
    public var caller: Int
    /// The callee's index in the population.
    public var callee: Int

    public init(callID: String, from: String, to: String, caller: Int, callee: Int) {
        self.callID = callID
        self.from = from
        self.to = to
        self.caller = caller
        self.callee = callee
    }
}
