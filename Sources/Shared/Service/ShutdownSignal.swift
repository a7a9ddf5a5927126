import Dispatch
import Foundation
import Synchronization

/// Waits for SIGTERM or SIGINT: the one path by which a service begins its graceful shutdown.
package enum ShutdownSignal {
    private final class Received: Sendable {
        let name = Mutex("")
        let semaphore = DispatchSemaphore(value: 0)
    }

    /// Blocks the calling thread until SIGTERM or SIGINT arrives, and returns its name.
    /// SIGPIPE is ignored as a side effect: a peer closing a socket must not kill the process.
    package static func wait() -> String {
        signal(SIGPIPE, SIG_IGN)
        let received = Received()
        var sources: [any DispatchSourceSignal] = []
        for (number, label) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            // Dispatch sees the signal only once its default action (terminate) is disabled.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                received.name.withLock { $0 = label }
                received.semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
        received.semaphore.wait()
        sources.forEach { $0.cancel() }
        return received.name.withLock { $0 }
    }
}
