/// Prints numbers for CSV files the same way on every machine.
///
/// Reports must be byte-identical for the same seed, and readable by any CSV
/// reader, so numbers are written in plain positional notation (no exponent), with
/// `.` as the decimal point whatever the locale, rounded to a fixed number of
/// decimal places with trailing zeros removed: `0.5`, `2`, `0.333333`, `-12.25`.
///
/// Nothing here consults a locale or C's `printf`: the digits come from Swift's
/// shortest round-trip representation (`Double.description`), then are rounded
/// half away from zero in decimal. That representation is specified to be the
/// shortest string that reads back as the same `Double`, so it does not depend on
/// the platform.
public enum DecimalFormat {
    /// `value` rounded to `decimals` places (0...17), trailing zeros and a trailing
    /// `.` removed. NaN prints as the empty string (a missing value, e.g. a
    /// confidence interval from one replication); infinities print as `inf` and
    /// `-inf`, which spreadsheet and data-frame readers understand. Zero, and values
    /// that round to zero, print as `0` (never `-0`).
    public static func string(_ value: Double, decimals: Int = 6) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let places = min(max(decimals, 0), 17)

        // Split `description` ("123.45", "1e-05", "1.5e+20") into digits and the
        // position of the decimal point within them.
        let text = value.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var digits: [UInt8] = []
        var pointIndex = 0
        var seenPoint = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(ch - UInt8(ascii: "0"))
                if !seenPoint { pointIndex += 1 }
            }
        }
        pointIndex += exponent

        // Pad so the point falls inside the digits and there are enough fraction digits.
        if pointIndex <= 0 {
            digits.insert(contentsOf: [UInt8](repeating: 0, count: 1 - pointIndex), at: 0)
            pointIndex = 1
        }
        let wanted = pointIndex + places
        if digits.count < wanted + 1 {
            digits.append(contentsOf: [UInt8](repeating: 0, count: wanted + 1 - digits.count))
        }

        // Round half away from zero at `wanted`, carrying leftwards.
        let roundUp = digits[wanted] >= 5
        digits.removeSubrange(wanted...)
        if roundUp {
            var i = wanted - 1
            while i >= 0 {
                if digits[i] == 9 {
                    digits[i] = 0
                    i -= 1
                } else {
                    digits[i] += 1
                    break
                }
            }
            if i < 0 {
                digits.insert(1, at: 0)
                pointIndex += 1
            }
        }

        var integerPart = digits[..<pointIndex].drop(while: { $0 == 0 })
        var fraction = digits[pointIndex...]
        while let last = fraction.last, last == 0 { fraction.removeLast() }
        if integerPart.isEmpty && fraction.isEmpty { return "0" }
        if integerPart.isEmpty { integerPart = [0] }

        var result = value < 0 ? "-" : ""
        result += String(decoding: integerPart.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if !fraction.isEmpty {
            result += "." + String(decoding: fraction.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        }
        return result
    }
}
