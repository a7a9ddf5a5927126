import Shared

/// Where the hub sends a subscriber's messages: a WebSocket connection, a gRPC stream, or a
/// recorder in tests.
///
/// `send` must not block: a subscriber's queue is bounded and conflates messages with the same key.
protocol LiveSink: Sendable {
    var id: UInt64 { get }
    @discardableResult
    func send(_ message: LiveOutbound, conflationKey: String?) -> WebSocketSendResult
}

extension WebSocketConnection: LiveSink {
    func send(_ message: LiveOutbound, conflationKey: String?) -> WebSocketSendResult {
        send(message.frame, conflationKey: conflationKey)
    }
}
