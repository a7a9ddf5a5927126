import Shared

/// Where the hub sends a subscriber's frames: a WebSocket connection, or a recorder in tests.
///
/// `send` must not block: a WebSocket's queue is bounded and conflates frames with the same key.
protocol LiveSink: Sendable {
    var id: UInt64 { get }
    @discardableResult
    func send(_ frame: WebSocketFrame, conflationKey: String?) -> WebSocketSendResult
}

extension WebSocketConnection: LiveSink {}
