/// WebSocket metrics. Connections and frames are recorded by `HTTPServer`; subscriptions by the
/// component that owns them (the QueryService's live hub).
extension ServiceMetrics {
    /// A WebSocket handshake completed.
    package func webSocketOpened() { webSocketConnections.increment() }

    /// A WebSocket connection is gone (closed by either side or dropped).
    package func webSocketClosed() { webSocketConnections.decrement() }

    /// Frames written to a socket.
    package func framesWritten(_ count: Int = 1) { framesSent.increment(by: count) }

    /// Frames that will never be written, and why.
    package func framesDropped(_ count: Int = 1, reason: FrameDropReason) {
        guard count > 0 else { return }
        framesDropped[reason]?.increment(by: count)
    }

    /// Subscriptions added (positive) or removed (negative), over every connection.
    /// Call it with `-n` when a connection holding `n` subscriptions closes.
    package func subscriptionsChanged(by delta: Int) {
        if delta > 0 {
            webSocketSubscriptions.increment(by: Double(delta))
        } else if delta < 0 {
            webSocketSubscriptions.decrement(by: Double(-delta))
        }
    }
}
