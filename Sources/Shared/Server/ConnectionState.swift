/// What the service thread knows about one connection. Touched only on the service thread.
final class ConnectionState {
    enum Kind { case http, webSocket }

    let id: UInt64
    let wsi: OpaquePointer
    var kind = Kind.http

    // HTTP: the request being read or answered.
    var requestID: UInt64 = 0
    var request: HTTPRequest?
    var expectedBodyLength = 0
    var response: HTTPResponse?
    var isHead = false
    var headersSent = false
    var bodyOffset = 0
    var inFlight: Bool { request != nil || response != nil }

    // WebSocket: the message being reassembled, and the handler's ordered event stream.
    var incoming: [UInt8] = []
    var events: AsyncStream<WebSocketEvent>.Continuation?
    var connection: WebSocketConnection?

    init(id: UInt64, wsi: OpaquePointer) {
        self.id = id
        self.wsi = wsi
    }

    func resetHTTP() {
        request = nil
        response = nil
        headersSent = false
        bodyOffset = 0
        expectedBodyLength = 0
    }
}

/// One event delivered to a `WebSocketHandler`, in order.
enum WebSocketEvent: Sendable {
    case message(WebSocketMessage)
    case closed
}
