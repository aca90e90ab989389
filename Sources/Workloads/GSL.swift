import CGSL

/// One-time set-up of the GNU Scientific Library for this process.
public enum GSL {
    /// Switches off GSL's default error handler, which calls `abort()` on a bad
    /// argument and would kill a whole simulation over one bad scenario value. With
    /// it off, GSL functions return an error code or NaN, which callers check.
    ///
    /// Idempotent and thread-safe (a lazily initialised global runs once); every
    /// GSL entry point in this module calls it, so callers need not.
    public static func prepare() {
        _ = Self.prepared
    }

    private static let prepared: Void = cgsl_disable_abort_on_error()
}
