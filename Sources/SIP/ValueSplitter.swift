/// Splits a header line holding several comma-separated values (RFC 3261 section
/// 7.3.1) — `Via: a, b` or `Route: <x>, <y>`. Commas inside quoted strings and
/// inside `<…>` do not split: a display name like `"Smith, John"` or a URI with a
/// comma must stay whole. Unbalanced quotes or brackets make the value malformed.
enum ValueSplitter {
    static func split(_ value: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        var parts: [ArraySlice<UInt8>] = []
        var partStart = value.startIndex
        var index = value.startIndex
        var inQuotes = false
        var inAngle = false
        while index < value.endIndex {
            let byte = value[index]
            if inQuotes {
                if byte == ASCII.backslash {
                    index += 1
                } else if byte == ASCII.quote {
                    inQuotes = false
                }
            } else if inAngle {
                if byte == ASCII.greaterThan { inAngle = false }
            } else if byte == ASCII.quote {
                inQuotes = true
            } else if byte == ASCII.lessThan {
                inAngle = true
            } else if byte == ASCII.comma {
                parts.append(trimmed(value[partStart..<index]))
                partStart = index + 1
            }
            index += 1
        }
        guard !inQuotes, !inAngle else { return nil }
        parts.append(trimmed(value[partStart..<value.endIndex]))
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    static func trimmed(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var low = value.startIndex
        var high = value.endIndex
        while low < high, ASCII.isLWS(value[low]) { low += 1 }
        while high > low, ASCII.isLWS(value[high - 1]) { high -= 1 }
        return value[low..<high]
    }
}
