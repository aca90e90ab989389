/// Sebastiano Vigna's SplitMix64: a tiny seedable generator. Workloads uses it to
/// turn seeds into well-mixed generator states; the CLI's dry runs, tests and
/// benchmarks use it where a caller must hand the core a generator. The core
/// never creates one by itself.
///
/// xoshiro256** must not start from a state with many zero bits (its first outputs
/// would be poor), and users write seeds like `1`, `2`, `42`. SplitMix64 spreads any
/// 64-bit seed over the whole state, as the xoshiro authors recommend
/// (<https://prng.di.unimi.it/splitmix64.c>).
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    /// Starts the sequence at `seed`; every seed, including 0, is valid.
    @inlinable
    public init(seed: UInt64) {
        self.state = seed
    }

    @inlinable
    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(self.state)
    }

    /// SplitMix64's output function (a variant of MurmurHash3's finaliser). It is a
    /// bijection on `UInt64`, so distinct inputs always give distinct outputs: Call-IDs
    /// and stream keys built from it cannot collide.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
