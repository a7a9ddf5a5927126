import Foundation

/// Settings of an `HTTPServer`. The defaults suit an API and page server behind a load balancer.
package struct HTTPServerConfiguration: Sendable {
    /// The address to listen on; "0.0.0.0" listens on every interface.
    package var host = "0.0.0.0"
    /// The port; 0 asks the kernel for a free one (read it back from `HTTPServer.port`).
    package var port = 8080
    /// Request bodies above this many bytes get 413.
    package var maxBodySize = 64 * 1024
    /// Bytes of request line and headers together (lws `max_http_header_data`). lws's default,
    /// 4 KB, drops a browser whose cookies (session, browser id and a flash of up to 4 KB) add up
    /// to more; a request over this limit is dropped without an answer.
    package var maxHeaderBytes = 16 * 1024
    /// Connections reading request headers at once (lws `max_http_header_pool`): each holds a
    /// `maxHeaderBytes` buffer, so this bounds that memory. More wait, unanswered, for a free one.
    package var maxConnectionsReadingHeaders = 4096
    /// Open connections (HTTP and WebSocket) the server accepts; nil derives it from the
    /// process's descriptor limit (`RLIMIT_NOFILE`), keeping some for Redis, PostgreSQL and files
    /// (``connectionLimit(descriptorLimit:)``), counted as descriptor numbers. When all are in
    /// use, a new connection is closed as soon as it is accepted, while the connections already
    /// open are served as before.
    package var maxConnections: Int? = nil
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
    /// Whether WebSockets may negotiate permessage-deflate (RFC 7692). Off: its receive path in
    /// libwebsockets 4.1 (the system library) inflates into a 1024-byte buffer across service
    /// passes, and with several busy connections it loses messages: a 5000-byte text arrived as
    /// 4096 bytes and then nothing until the client's next frame, or short, with bytes missing
    /// from the middle (reproduced by `LiveSocketTests`' compressed oversized-message test with
    /// this on). The extension keeps a pointer into the service thread's shared receive buffer
    /// (fixed upstream after every 4.x release), which fits bytes of one connection turning up in
    /// another. Uncompressed frames are correct, and `/live` messages are small.
    package var permessageDeflate = false
    /// Header names (lower case) read into `HTTPRequest.headers` besides the standard ones.
    package var extraHeaders = ["idempotency-key", "x-request-id", "x-forwarded-for", "accept", "if-none-match"]
    /// Decides whether a WebSocket handshake with this `Origin` (nil when absent) is accepted.
    package var allowOrigin: @Sendable (String?) -> Bool = { _ in true }
    /// Where request, connection and frame metrics are recorded; tests pass their own.
    package var metrics = ServiceMetrics.process

    package init() {}
}

extension HTTPServerConfiguration {
    /// The connections to serve when the process may open `descriptorLimit` descriptors: all but
    /// a reserve (a quarter, at least 32 and at most 256) for the Redis and PostgreSQL pools, log
    /// files, lws's own pipe and the runtime. Past it new connections are refused as they are
    /// accepted, instead of every accept failing with EMFILE.
    package static func connectionLimit(descriptorLimit: Int) -> Int {
        let reserve = max(32, min(256, descriptorLimit / 4))
        return max(1, descriptorLimit - reserve)
    }

    /// `maxConnections`, or the limit derived from the process's current `RLIMIT_NOFILE`
    /// (4096 when that limit cannot be read or is unlimited).
    var effectiveMaxConnections: Int {
        if let maxConnections { return maxConnections }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else {
            return 4096
        }
        return Self.connectionLimit(descriptorLimit: Int(clamping: limit.rlim_cur))
    }
}
