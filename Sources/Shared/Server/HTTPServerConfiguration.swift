/// Settings of an `HTTPServer`. The defaults suit an API and page server behind a load balancer.
package struct HTTPServerConfiguration: Sendable {
    /// The address to listen on; "0.0.0.0" listens on every interface.
    package var host = "0.0.0.0"
    /// The port; 0 asks the kernel for a free one (read it back from `HTTPServer.port`).
    package var port = 8080
    /// Request bodies above this many bytes get 413.
    package var maxBodySize = 64 * 1024
    /// WebSocket messages above this many bytes close the connection with 1009.
    package var maxWebSocketMessageSize = 16 * 1024
    /// Frames queued per WebSocket before it counts as a slow consumer and is closed with 1013.
    package var maxQueuedFrames = 256
    /// Incoming WebSocket messages waiting for the handler before the connection is closed with 1008.
    package var maxPendingMessages = 64
    /// Seconds a client has to send its request headers or body.
    package var headerTimeout = 10
    /// Seconds an idle keep-alive HTTP connection stays open.
    package var keepAliveTimeout = 30
    /// Seconds of WebSocket silence before the server pings, and before it hangs up.
    package var webSocketPingAfter = 30
    package var webSocketHangUpAfter = 75
    /// Seconds a graceful stop waits for in-flight requests and WebSocket closes.
    package var shutdownGracePeriod = 5.0
    /// Whether WebSockets may negotiate permessage-deflate (RFC 7692).
    package var permessageDeflate = true
    /// Header names (lower case) read into `HTTPRequest.headers` besides the standard ones.
    package var extraHeaders = ["idempotency-key", "x-request-id", "x-forwarded-for", "accept", "if-none-match"]
    /// Decides whether a WebSocket handshake with this `Origin` (nil when absent) is accepted.
    package var allowOrigin: @Sendable (String?) -> Bool = { _ in true }
    /// Where request, connection and frame metrics are recorded; tests pass their own.
    package var metrics = ServiceMetrics.process

    package init() {}
}
