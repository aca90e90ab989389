import Dispatcher

/// Durations, rates and plain numbers as scenario files write them, both ways.
///
/// Durations always carry a unit (`ms`, `s`, `m`, `h`, or several parts like
/// `1h30m`; only `0` may go without), because a bare `10` could mean seconds to one
/// reader and minutes to another, and a scenario read with the wrong unit answers a
/// question nobody asked. Rates are `N/s`, `N/m` or `N/h` for the same reason.
///
/// The writers pick the representation that reads back to exactly the same value
/// (checked, not assumed), so `dispatchlab check` output parses to an equal scenario.
enum ScenarioUnits {
    /// The duration units and their length in nanoseconds, shortest first.
    static let durationUnits: [(suffix: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// The rate units and their length in seconds.
    static let rateUnits: [(suffix: String, seconds: Double)] = [("s", 1), ("m", 60), ("h", 3600)]

    static let durationHint = "duration with a unit (ms, s, m, h) like 90s, 1.5m or 200ms"
    static let rateHint = "a rate like 2/s, 120/m or 7200/h"

    // MARK: Reading

    /// A decimal number as written: sign, digits, optional fraction and exponent.
    struct Number {
        var negative: Bool
        var integerDigits: Substring
        var fractionDigits: Substring
        var hasExponent: Bool
        var text: Substring

        /// Reads `[+-]digits[.digits][e[+-]digits]` (at least one digit before or after
        /// the point); nil for anything else, including `inf` and `nan`.
        init?(_ text: Substring) {
            self.text = text
            var rest = text
            self.negative = rest.first == "-"
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            self.integerDigits = rest.prefix(while: \.isASCIIDigitCharacter)
            rest = rest.dropFirst(self.integerDigits.count)
            self.fractionDigits = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                self.fractionDigits = rest.prefix(while: \.isASCIIDigitCharacter)
                rest = rest.dropFirst(self.fractionDigits.count)
            }
            guard !(self.integerDigits.isEmpty && self.fractionDigits.isEmpty) else { return nil }
            self.hasExponent = rest.first == "e" || rest.first == "E"
            if self.hasExponent {
                rest = rest.dropFirst()
                if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
                let exponent = rest.prefix(while: \.isASCIIDigitCharacter)
                guard !exponent.isEmpty else { return nil }
                rest = rest.dropFirst(exponent.count)
            }
            guard rest.isEmpty else { return nil }
        }

        var isZero: Bool { (self.integerDigits + self.fractionDigits).allSatisfy { $0 == "0" } }
        var value: Double? { Double(String(self.text)).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// Why a duration or rate text was refused.
    enum Problem: Error {
        /// Not a number with a unit at all.
        case malformed
        /// A number other than 0 without its unit.
        case missingUnit
        /// Below zero.
        case negative
        /// Too large to count in nanoseconds.
        case tooLarge
    }

    /// Reads a duration exactly, in integer nanoseconds (decimal fractions are not
    /// rounded through binary floating point unless an exponent is written).
    /// Several parts add up: `1h30m`, `1m30s`.
    static func timeSpan(_ text: String) -> Result<TimeSpan, Problem> {
        let parts: [(number: Number, unit: String?)]
        switch Self.durationParts(text) {
        case .success(let p): parts = p
        case .failure(let problem): return .failure(problem)
        }
        var total: Int64 = 0
        for (number, unit) in parts {
            guard let unit, let scale = Self.durationUnits.first(where: { $0.suffix == unit })?.nanoseconds else {
                return number.isZero ? .success(.zero) : .failure(.missingUnit)
            }
            if number.isZero { continue }
            guard !number.negative else { return .failure(.negative) }
            var ns: Int64
            if number.hasExponent {
                guard let value = number.value, value * Double(scale) < 9e18 else { return .failure(.tooLarge) }
                ns = Int64((value * Double(scale)).rounded())
            } else {
                guard let whole = Int64(number.integerDigits.isEmpty ? "0" : String(number.integerDigits)) else {
                    return .failure(.tooLarge)
                }
                let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
                guard !overflow else { return .failure(.tooLarge) }
                ns = product
                if !number.fractionDigits.isEmpty, let f = Double("0." + number.fractionDigits) {
                    ns += Int64((f * Double(scale)).rounded())
                }
            }
            let (sum, overflow) = total.addingReportingOverflow(ns)
            guard !overflow else { return .failure(.tooLarge) }
            total = sum
        }
        return .success(TimeSpan(nanoseconds: total))
    }

    /// Reads a duration as floating-point seconds, for distribution parameters.
    static func seconds(_ text: String) -> Result<Double, Problem> {
        let parts: [(number: Number, unit: String?)]
        switch Self.durationParts(text) {
        case .success(let p): parts = p
        case .failure(let problem): return .failure(problem)
        }
        var total = 0.0
        for (number, unit) in parts {
            guard let value = number.value else { return .failure(.malformed) }
            guard let unit else { return number.isZero ? .success(0) : .failure(.missingUnit) }
            if number.isZero { continue }
            guard !number.negative else { return .failure(.negative) }
            switch unit {
            case "ms": total += value / 1000
            case "m": total += value * 60
            case "h": total += value * 3600
            default: total += value
            }
        }
        return total.isFinite ? .success(total) : .failure(.tooLarge)
    }

    /// Splits `1h30m` into (1, h), (30, m); a bare number comes back alone with no
    /// unit. Only the last part may be written without a unit, and then only alone.
    private static func durationParts(_ text: String) -> Result<[(number: Number, unit: String?)], Problem> {
        var parts: [(number: Number, unit: String?)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            // A number runs up to the first unit letter; `e` belongs to an exponent.
            guard let unitStart = rest.firstIndex(where: { "smh".contains($0) }) else {
                guard let number = Number(rest) else { return .failure(.malformed) }
                return parts.isEmpty ? .success([(number, nil)]) : .failure(.missingUnit)
            }
            guard let number = Number(rest[..<unitStart]) else { return .failure(.malformed) }
            let afterUnit = rest[unitStart...]
            let unit = afterUnit.hasPrefix("ms") ? "ms" : String(afterUnit.prefix(1))
            guard parts.isEmpty || !number.negative && !number.text.hasPrefix("+") else { return .failure(.malformed) }
            parts.append((number, unit))
            rest = afterUnit.dropFirst(unit.count)
        }
        guard !parts.isEmpty else { return .failure(.malformed) }
        return .success(parts)
    }

    /// Reads a rate in calls per second from `N/s`, `N/m` or `N/h` (or `0`).
    static func rate(_ text: String) -> Result<Double, Problem> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, let number = Number(first), let value = number.value else {
            return .failure(.malformed)
        }
        guard parts.count == 2 else {
            return parts.count == 1 ? (number.isZero ? .success(0) : .failure(.missingUnit)) : .failure(.malformed)
        }
        guard let unit = Self.rateUnits.first(where: { $0.suffix == parts[1] }) else { return .failure(.malformed) }
        guard !number.negative || number.isZero else { return .failure(.negative) }
        return .success(number.isZero ? 0 : value / unit.seconds)
    }

    // MARK: Writing

    /// A number without a needless `.0`, else Swift's shortest exact form.
    static func format(number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// A duration in the largest unit that divides it (`2h`, `90s`, `200ms`), else
    /// decimal seconds (`1.5s`) or, under a second, decimal milliseconds.
    static func format(_ span: TimeSpan) -> String {
        let ns = span.nanoseconds
        if ns == 0 { return "0s" }
        if ns < 0 { return "-" + Self.format(TimeSpan(nanoseconds: ns == .min ? .max : -ns)) }
        for (suffix, scale) in Self.durationUnits.reversed() where ns % scale == 0 {
            if suffix == "ms", ns >= 1_000_000_000 { continue }
            return "\(ns / scale)\(suffix)"
        }
        if ns >= 1_000_000_000 { return Self.decimal(ns, scale: 1_000_000_000, digits: 9) + "s" }
        return Self.decimal(ns, scale: 1_000_000, digits: 6) + "ms"
    }

    /// `value / scale` written exactly with up to `digits` decimals, trailing zeros cut.
    private static func decimal(_ value: Int64, scale: Int64, digits: Int) -> String {
        var fraction = String(value % scale)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return "\(value / scale)" + (fraction.isEmpty ? "" : ".\(fraction)")
    }

    /// Floating-point seconds as a duration: the `TimeSpan` form when it reads back
    /// to exactly this value, else the exact decimal seconds.
    static func format(seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        if seconds.isFinite, abs(seconds) < 9e9 {
            let candidate = Self.format(TimeSpan(nanoseconds: Int64((seconds * 1e9).rounded())))
            if case .success(let back) = Self.seconds(candidate), back == seconds { return candidate }
        }
        return "\(seconds)s"
    }

    /// A rate in calls per second, always as `N/s` so it reads back exactly.
    static func format(rate: Double) -> String {
        Self.format(number: rate) + "/s"
    }
}

extension Character {
    /// `0`–`9` only (not other scripts' digits, which `Int` would refuse anyway).
    fileprivate var isASCIIDigitCharacter: Bool { self >= "0" && self <= "9" }
}
