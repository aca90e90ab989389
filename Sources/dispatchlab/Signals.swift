import Dispatch
import Foundation

/// Unix signals as an async sequence, so the live command can wait for SIGHUP
/// (reload) and SIGINT/SIGTERM (stop) without a global handler.
enum Signals {
    static func watch(_ signals: [Int32]) -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let sources = signals.map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            // The sources live as long as the stream; they are only cancelled here.
            nonisolated(unsafe) let kept = sources
            continuation.onTermination = { _ in kept.forEach { $0.cancel() } }
        }
    }
}
