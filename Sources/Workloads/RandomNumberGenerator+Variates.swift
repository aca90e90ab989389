#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The basic variates every distribution and process in this module is built on.
///
/// They are written out here rather than taken from the standard library
/// (`Double.random(in:)`, `Int.random(in:using:)`) because the standard library does
/// not promise to keep its algorithms across releases, and a run must repeat exactly
/// for a given seed.
extension RandomNumberGenerator {
    /// A uniform double in the open interval (0, 1): the 53-bit grid shifted by half
    /// a step, so neither 0 nor 1 can come out and `log(u)` is always finite.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(self.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `0 ..< bound` by Lemire's multiply-and-reject method
    /// ("Fast random integer generation in an interval", ACM TOMACS 2019): unbiased,
    /// and usually a single draw. Returns 0 when `bound` is 1 or less.
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let n = UInt64(bound)
        var product = self.next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold {
                product = self.next().multipliedFullWidth(by: n)
            }
        }
        return Int(product.high)
    }

    /// A standard normal variate by the Box–Muller transform: always exactly two
    /// uniforms per normal, which keeps stream consumption easy to reason about.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        let u1 = self.nextOpenUnit()
        let u2 = self.nextOpenUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An exponential variate with mean 1, by inversion.
    @inlinable
    public mutating func nextStandardExponential() -> Double {
        -log(self.nextOpenUnit())
    }
}
