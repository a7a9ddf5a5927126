/// An outgoing WebSocket message, serialized once and shared by every connection it is sent to.
///
/// Queues hold references to the same frame, so a broadcast to 10,000 connections keeps one copy
/// of the payload, not 10,000.
package final class WebSocketFrame: Sendable {
    package let payload: [UInt8]
    package let isBinary: Bool

    package init(text: String) {
        payload = Array(text.utf8)
        isBinary = false
    }

    package init(binary: [UInt8]) {
        payload = binary
        isBinary = true
    }
}

/// A complete incoming WebSocket message, reassembled from its fragments.
package enum WebSocketMessage: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
}

/// Close codes the server sends (RFC 6455 section 7.4).
package enum WebSocketCloseCode: UInt16, Sendable {
    case normal = 1000
    case goingAway = 1001
    case protocolError = 1002
    case unsupportedData = 1003
    case invalidPayload = 1007
    case policyViolation = 1008
    case messageTooBig = 1009
    case internalError = 1011
    case tryAgainLater = 1013
}

/// What happened to a frame handed to `WebSocketConnection.send`.
package enum WebSocketSendResult: Sendable, Equatable {
    /// Appended to the connection's queue.
    case queued
    /// Replaced an older queued frame with the same conflation key.
    case conflated
    /// The queue was full: the connection is being closed with 1013.
    case overflowed
    /// The connection is closed or closing.
    case closed
}
