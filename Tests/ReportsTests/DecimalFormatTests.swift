import Testing
import Reports

@Suite("Decimal formatting")
struct DecimalFormatTests {
    @Test("Numbers print positionally, rounded to 6 places, without trailing zeros", arguments: [
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (2.5, "2.5"),
        (-12.25, "-12.25"),
        (0.1, "0.1"),
        (1.0 / 3, "0.333333"),
        (2.0 / 3, "0.666667"),
        (0.0000005, "0.000001"),
        (0.0000004, "0"),
        (-0.0000004, "0"),
        (1e-5, "0.00001"),
        (123456789.123456789, "123456789.123457"),
        (1e16, "10000000000000000"),
        (1.5e20, "150000000000000000000"),
        (9.9999996, "10"),
        (0.9999999, "1"),
        (1e-300, "0"),
        (Double.infinity, "inf"),
        (-Double.infinity, "-inf"),
        (Double.nan, ""),
    ])
    func sixPlaces(value: Double, expected: String) {
        #expect(DecimalFormat.string(value) == expected)
    }

    @Test("Other precisions round half away from zero")
    func precisions() {
        #expect(DecimalFormat.string(0.5, decimals: 0) == "1")
        #expect(DecimalFormat.string(-0.5, decimals: 0) == "-1")
        #expect(DecimalFormat.string(0.125, decimals: 2) == "0.13")
        #expect(DecimalFormat.string(99.95, decimals: 1) == "100")
        #expect(DecimalFormat.string(3.14159, decimals: 3) == "3.142")
        #expect(DecimalFormat.string(42, decimals: -1) == "42")
    }

    @Test("Formatting then parsing loses no more than the rounding step")
    func roundTrip() {
        var x = 0.000123
        for _ in 0..<200 {
            let text = DecimalFormat.string(x)
            let back = Double(text) ?? .nan
            // Half a step of the sixth decimal, plus the parse's own rounding.
            #expect(abs(back - x) <= 0.5e-6 + 2 * x.ulp, "\(x) -> \(text)")
            x *= 1.37
        }
    }
}
