/// A handle to one WebSocket connection, usable from any thread.
///
/// Sending never blocks: frames go to the connection's bounded queue and are written by the
/// service thread when the socket is writable.
package struct WebSocketConnection: Sendable, Hashable {
    package let id: UInt64
    /// The upgrade request: path, query and the headers the server reads.
    package let request: HTTPRequest
    let mailbox: ServerMailbox

    /// Queues `frame`. With a `conflationKey`, a frame still queued under the same key is replaced,
    /// so a slow reader of a state topic only ever receives its latest value.
    @discardableResult
    package func send(_ frame: WebSocketFrame, conflationKey: String? = nil) -> WebSocketSendResult {
        mailbox.send(frame, to: id, conflationKey: conflationKey)
    }

    @discardableResult
    package func send(text: String) -> WebSocketSendResult { send(WebSocketFrame(text: text)) }

    /// Closes the connection with `code` after the frames already queued.
    package func close(_ code: WebSocketCloseCode, reason: String = "") {
        mailbox.close(id, code: code.rawValue, reason: reason)
    }

    package static func == (lhs: WebSocketConnection, rhs: WebSocketConnection) -> Bool { lhs.id == rhs.id }
    package func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
