import CWebSockets
import Foundation
import Logging
import Synchronization

/// An HTTP/1.1 and WebSocket server on libwebsockets: one port serves both.
///
/// `lws_service` runs on a dedicated thread that never blocks. Route handlers run as Swift tasks;
/// their responses and every outgoing WebSocket frame return through a mailbox that wakes the
/// service thread with `lws_cancel_service`. `stop()` closes WebSockets with 1001 and waits for
/// in-flight requests up to a grace period.
package final class HTTPServer: Sendable {
    private let loop: ServiceLoop
    private let context: LWSContext
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)
    /// The port actually bound (useful with port 0).
    package let port: Int
    /// Connections the server keeps state for (HTTP and WebSocket); for tests and diagnostics.
    package var trackedConnections: Int { loop.connectionCount.load(ordering: .relaxed) }

    /// Binds and starts serving. Throws when the address cannot be bound (for example, the port is in use).
    package init(
        configuration: HTTPServerConfiguration, router: Router,
        webSocketRoutes: [String: any WebSocketHandler] = [:], logger: Logger = Logger(label: "http")
    ) throws {
        let loop = ServiceLoop(configuration: configuration, router: router, webSocketRoutes: webSocketRoutes, logger: logger)
        let context = try LWSContext(configuration: configuration, user: Unmanaged.passUnretained(loop).toOpaque())
        self.loop = loop
        self.context = context
        self.port = context.port
        loop.mailbox.attach(context.pointer)
        let finished = self.finished
        let thread = Thread { [loop, context] in
            loop.run(context: context.pointer)
            loop.mailbox.attach(nil)
            // lws_context_destroy must run on the service thread, not concurrently with lws_service.
            context.destroy()
            finished.signal()
        }
        thread.name = "lws-service"
        thread.start()
    }

    /// Stops gracefully: refuses new work, closes WebSockets with 1001, lets in-flight requests
    /// finish within the grace period, then frees everything. Blocks until done; idempotent.
    package func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        loop.mailbox.requestStop()
        finished.wait()
    }

    deinit { stop() }
}
