import CWebSockets

/// The one C callback of the watchers' client protocol: recovers the `WatcherPool` from the
/// context's user pointer and the watcher's index from the connection's opaque user data. Runs
/// only on the pool's service thread.
func watcherCallback(
    wsi: OpaquePointer?, reason: lws_callback_reasons, user: UnsafeMutableRawPointer?,
    input: UnsafeMutableRawPointer?, length: Int
) -> Int32 {
    guard let wsi, let context = lws_get_context(wsi), let owner = lws_context_user(context) else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    let pool = Unmanaged<WatcherPool>.fromOpaque(owner).takeUnretainedValue()
    // Indices are stored as index + 1 so that a connection without one reads as nil.
    let index = lws_get_opaque_user_data(wsi).map { Int(bitPattern: $0) - 1 }
    switch reason {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        if let index { pool.established(index, wsi: wsi) }
        return 0
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        guard let index else { return 0 }
        return pool.writable(index, wsi: wsi)
    case LWS_CALLBACK_CLIENT_RECEIVE:
        if let index {
            pool.received(index, bytes: length, final: lws_is_final_fragment(wsi) != 0 && lws_remaining_packet_payload(wsi) == 0)
        }
        return 0
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if let index { pool.failed(index) }
        return 0
    case LWS_CALLBACK_CLIENT_CLOSED:
        if let index { pool.closed(index) }
        return 0
    default:
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
}
