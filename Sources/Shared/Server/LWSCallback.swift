import CWebSockets

/// The one C callback of the server's protocol. It recovers the `ServiceLoop` from the context's
/// user pointer and routes each reason to it; anything it does not handle goes to lws' default
/// handler. It runs only on the service thread.
func serviceLoopCallback(
    wsi: OpaquePointer?, reason: lws_callback_reasons, user: UnsafeMutableRawPointer?,
    input: UnsafeMutableRawPointer?, length: Int
) -> Int32 {
    guard let wsi, let context = lws_get_context(wsi), let owner = lws_context_user(context) else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    let loop = Unmanaged<ServiceLoop>.fromOpaque(owner).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length)

    switch reason {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        loop.drainMailbox()
        return 0
    case LWS_CALLBACK_HTTP:
        guard let state = loop.connection(wsi: wsi, user: user) else { return -1 }
        return loop.httpRequestStarted(state)
    case LWS_CALLBACK_HTTP_BODY:
        guard let state = loop.existingConnection(user: user) else { return -1 }
        return loop.httpBodyReceived(state, bytes)
    case LWS_CALLBACK_HTTP_BODY_COMPLETION:
        guard let state = loop.existingConnection(user: user) else { return -1 }
        return loop.httpBodyCompleted(state)
    case LWS_CALLBACK_HTTP_WRITEABLE:
        guard let state = loop.existingConnection(user: user) else { return 0 }
        return loop.httpWritable(state)
    case LWS_CALLBACK_CLOSED_HTTP:
        if let state = loop.existingConnection(user: user), state.kind == .http { loop.httpClosed(state) }
        return 0
    case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
        // `input` is the accepted descriptor (lws-callbacks.h). The kernel hands out the lowest
        // free number, so one at or past the limit means the process is that full: refusing
        // (lws closes it) keeps a reserve for Redis, PostgreSQL and logs, and accept() never
        // reaches EMFILE, which lws would retry in a busy loop.
        return Int(bitPattern: input) >= loop.connectionLimit ? 1 : 0
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        return loop.filterUpgrade(wsi)
    case LWS_CALLBACK_ESTABLISHED:
        return loop.webSocketOpened(wsi, user: user)
    case LWS_CALLBACK_RECEIVE:
        guard let state = loop.existingConnection(user: user) else { return -1 }
        return loop.webSocketReceived(state, bytes)
    case LWS_CALLBACK_SERVER_WRITEABLE:
        guard let state = loop.existingConnection(user: user) else { return 0 }
        return loop.webSocketWritable(state)
    case LWS_CALLBACK_CLOSED:
        if let state = loop.existingConnection(user: user), state.kind == .webSocket { loop.webSocketClosed(state) }
        return 0
    case LWS_CALLBACK_WSI_DESTROY:
        // A handshake refused or failed after FILTER leaves its parked request behind.
        loop.pendingUpgrades.removeValue(forKey: wsi)
        if let state = loop.connectionsByWSI[wsi] {
            if state.kind == .webSocket { loop.webSocketClosed(state) } else { loop.httpClosed(state) }
        }
        return 0
    default:
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
}
