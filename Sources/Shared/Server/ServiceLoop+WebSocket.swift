import CWebSockets
import Foundation

/// WebSockets on the service thread: accept upgrades on chosen paths, reassemble messages,
/// feed each connection's handler task in order, and write queued frames.
extension ServiceLoop {
    /// LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: decides whether to accept an upgrade.
    /// Returns non-zero to refuse the handshake.
    func filterUpgrade(_ wsi: OpaquePointer) -> Int32 {
        guard !stopping, var request = readRequest(wsi), webSocketRoutes[request.path] != nil else { return 1 }
        guard configuration.allowOrigin(request.header("origin")) else {
            logger.info("websocket refused: origin", metadata: ["origin": "\(request.header("origin") ?? "none")"])
            return 1
        }
        request.method = .get
        pendingUpgrades[wsi] = request
        return 0
    }

    /// LWS_CALLBACK_ESTABLISHED: the handshake is done; start the handler's task.
    func webSocketOpened(_ wsi: OpaquePointer, user: UnsafeMutableRawPointer?) -> Int32 {
        guard let request = pendingUpgrades.removeValue(forKey: wsi), let handler = webSocketRoutes[request.path],
              let state = connection(wsi: wsi, user: user) else { return -1 }
        state.kind = .webSocket
        mailbox.register(state.id)
        configuration.metrics.webSocketOpened()
        let connection = WebSocketConnection(id: state.id, request: request, mailbox: mailbox)
        state.connection = connection
        let (events, continuation) = AsyncStream.makeStream(
            of: WebSocketEvent.self, bufferingPolicy: .bufferingOldest(configuration.maxPendingMessages))
        state.events = continuation
        Task {
            await handler.connected(connection)
            for await event in events {
                switch event {
                case .message(let message): await handler.received(message, from: connection)
                case .closed: await handler.disconnected(connection)
                }
            }
        }
        return 0
    }

    /// LWS_CALLBACK_RECEIVE: part or all of a message. Returns -1 to close.
    func webSocketReceived(_ state: ConnectionState, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        if state.incoming.count + bytes.count > configuration.maxWebSocketMessageSize {
            return closeNow(state, .messageTooBig, "message too big")
        }
        state.incoming.append(contentsOf: bytes)
        guard lws_is_final_fragment(state.wsi) != 0, lws_remaining_packet_payload(state.wsi) == 0 else { return 0 }
        let payload = state.incoming
        state.incoming.removeAll(keepingCapacity: true)
        // With LWS_SERVER_OPTION_VALIDATE_UTF8 lws has already closed with 1007 on invalid text.
        let message: WebSocketMessage = lws_frame_is_binary(state.wsi) != 0
            ? .binary(payload) : .text(String(decoding: payload, as: UTF8.self))
        if case .dropped = state.events?.yield(.message(message)) {
            return closeNow(state, .policyViolation, "too many messages in flight")
        }
        return 0
    }

    /// LWS_CALLBACK_SERVER_WRITEABLE: writes one queued frame, or the pending close.
    func webSocketWritable(_ state: ConnectionState) -> Int32 {
        switch mailbox.next(for: state.id) {
        case .nothing:
            return 0
        case .close(let code, let reason):
            var bytes = Array(reason.utf8.prefix(120))
            lws_close_reason(state.wsi, lws_close_status(rawValue: UInt32(code)), &bytes, bytes.count)
            return -1
        case .frame(let frame, let more):
            guard write(state.wsi, frame.payload[...], frame.isBinary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT) else {
                mailbox.writeFailed()
                return -1
            }
            configuration.metrics.framesWritten()
            if more { lws_callback_on_writable(state.wsi) }
            return 0
        }
    }

    private func closeNow(_ state: ConnectionState, _ code: WebSocketCloseCode, _ reason: String) -> Int32 {
        var bytes = Array(reason.utf8)
        lws_close_reason(state.wsi, lws_close_status(rawValue: UInt32(code.rawValue)), &bytes, bytes.count)
        return -1
    }

    /// LWS_CALLBACK_CLOSED: the connection is gone; the handler hears it last.
    func webSocketClosed(_ state: ConnectionState) {
        mailbox.unregister(state.id)
        configuration.metrics.webSocketClosed()
        state.events?.yield(.closed)
        state.events?.finish()
        state.events = nil
        forget(state)
    }
}
