/// Kamailio's `ds_get_hash(x, y)`, bit for bit.
///
/// Users carry routing expectations from Kamailio: the same list and the same Call-ID
/// must pick the same gateway here. The mix is the core `hash_update_str` +
/// `hash_finish` over *signed* chars (x86-64 `char`), without a table-size mask, and 0
/// maps to 1. `dispatcher.hash` in Kamailio 5.6.3 prints the same values.
public enum KamailioHash {
    /// The hash of one or two strings, as `dispatcher.hash nslots val1 [val2]` computes it.
    public static func hash(_ first: String, _ second: String? = nil) -> UInt32 {
        var a = first
        var h = a.withUTF8 { Self.mix(0, $0) }
        if var b = second {
            h = b.withUTF8 { Self.mix(h, $0) }
        }
        return Self.finish(h)
    }

    /// Hash over raw bytes (already trimmed); `second` is the optional host part.
    @inlinable
    public static func hash(bytes first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>? = nil) -> UInt32 {
        var h = Self.mix(0, first)
        if let second { h = Self.mix(h, second) }
        return Self.finish(h)
    }

    @inlinable @inline(__always)
    static func signed(_ b: UInt8) -> UInt32 { UInt32(bitPattern: Int32(Int8(bitPattern: b))) }

    /// `hash_update_str`: 4-byte big-endian words, then the 0–3 byte tail (always added).
    @inlinable
    public static func mix(_ seed: UInt32, _ s: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = seed
        var i = 0
        let n = s.count
        while i + 4 <= n {
            let v = (signed(s[i]) &<< 24) &+ (signed(s[i + 1]) &<< 16) &+ (signed(s[i + 2]) &<< 8) &+ signed(s[i + 3])
            h = h &+ (v ^ (v >> 3))
            i += 4
        }
        var v: UInt32 = 0
        while i < n {
            v = (v &<< 8) &+ signed(s[i])
            i += 1
        }
        return h &+ (v ^ (v >> 3))
    }

    /// `hash_finish`, then 0 → 1 as `ds_get_hash` does.
    @inlinable
    public static func finish(_ h: UInt32) -> UInt32 {
        let r = (h &+ (h >> 11)) &+ ((h >> 13) &+ (h >> 23))
        return r == 0 ? 1 : r
    }
}
