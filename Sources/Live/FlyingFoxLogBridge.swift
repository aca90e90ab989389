import FlyingSocks
import Logging
import Synchronization

/// Sends FlyingFox's own log lines (connections, socket errors) to swift-log, so the
/// admin endpoint's logs are structured and filtered like the rest of the proxy's
/// instead of being printed to stdout. Connection chatter is debug; FlyingFox's
/// "info" is per connection, which is too noisy for a scraped endpoint.
///
/// While the server stops, FlyingFox reports the cancelled accept loop and
/// connections as errors and criticals; those are expected, so they drop to debug.
struct FlyingFoxLogBridge: FlyingSocks.Logging {
    let logger: Logger
    let stopping: StoppingFlag

    /// Shared by the bridge copies FlyingFox holds and the server that sets it.
    final class StoppingFlag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { self.value.load(ordering: .relaxed) }
        func set(_ on: Bool) { self.value.store(on, ordering: .relaxed) }
    }

    private static let metadata: Logger.Metadata = ["source": "flyingfox"]

    func logDebug(_ debug: @autoclosure () -> String) {
        self.logger.debug("\(debug())", metadata: Self.metadata)
    }
    func logInfo(_ info: @autoclosure () -> String) {
        self.logger.debug("\(info())", metadata: Self.metadata)
    }
    func logWarning(_ warning: @autoclosure () -> String) {
        self.logger.log(level: self.stopping.isSet ? .debug : .warning, "\(warning())", metadata: Self.metadata)
    }
    func logError(_ error: @autoclosure () -> String) {
        self.logger.log(level: self.stopping.isSet ? .debug : .error, "\(error())", metadata: Self.metadata)
    }
    func logCritical(_ critical: @autoclosure () -> String) {
        self.logger.log(level: self.stopping.isSet ? .debug : .critical, "\(critical())", metadata: Self.metadata)
    }
}
