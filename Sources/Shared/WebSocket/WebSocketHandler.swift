/// Application logic behind a WebSocket path.
///
/// For each connection the server calls these in order, from one task per connection, never on
/// the libwebsockets service thread: `connected` first, then `received` per message, then
/// `disconnected` once.
package protocol WebSocketHandler: Sendable {
    func connected(_ connection: WebSocketConnection) async
    func received(_ message: WebSocketMessage, from connection: WebSocketConnection) async
    func disconnected(_ connection: WebSocketConnection) async
}
