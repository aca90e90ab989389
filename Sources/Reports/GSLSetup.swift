import CGSL

/// Switches off GSL's abort-on-error handler once, before this module's first GSL
/// call: a bad argument must give NaN in a report, not kill the process.
/// (Reports cannot import Workloads, which has the public equivalent.)
enum GSLSetup {
    static func prepare() {
        _ = Self.prepared
    }

    private static let prepared: Void = cgsl_disable_abort_on_error()
}
