import FlyingSocks
import Logging

/// Sends FlyingFox's own log lines (connections, socket errors) to swift-log, so the
/// admin endpoint's logs are structured and filtered like the rest of the proxy's
/// instead of being printed to stdout. Connection chatter is debug; FlyingFox's
/// "info" is per connection, which is too noisy for a scraped endpoint.
struct FlyingFoxLogBridge: FlyingSocks.Logging {
    let logger: Logger

    func logDebug(_ debug: @autoclosure () -> String) {
        self.logger.debug("\(debug())", metadata: ["source": "flyingfox"])
    }
    func logInfo(_ info: @autoclosure () -> String) {
        self.logger.debug("\(info())", metadata: ["source": "flyingfox"])
    }
    func logWarning(_ warning: @autoclosure () -> String) {
        self.logger.warning("\(warning())", metadata: ["source": "flyingfox"])
    }
    func logError(_ error: @autoclosure () -> String) {
        self.logger.error("\(error())", metadata: ["source": "flyingfox"])
    }
    func logCritical(_ critical: @autoclosure () -> String) {
        self.logger.critical("\(critical())", metadata: ["source": "flyingfox"])
    }
}
