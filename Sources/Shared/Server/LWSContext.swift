import CWebSockets
import Foundation

/// Owns an `lws_context*` and the C arrays it points into (protocols, extensions, idle policy),
/// which libwebsockets requires to outlive the context.
final class LWSContext: @unchecked Sendable {
    // @unchecked is safe: `pointer` and `port` never change after init; the C arrays are only
    // read by lws; `destroy()` is called once, from the service thread, after `lws_service`
    // has returned for the last time.
    let pointer: OpaquePointer
    let port: Int
    private let protocols: UnsafeMutablePointer<lws_protocols>
    private let extensions: UnsafeMutablePointer<lws_extension>
    private let idlePolicy: UnsafeMutablePointer<lws_retry_bo_t>
    private let strings: [UnsafeMutablePointer<CChar>]
    private var destroyed = false

    init(configuration: HTTPServerConfiguration, user: UnsafeMutableRawPointer) throws {
        lws_set_log_level(Int32(LLL_ERR), nil)
        let protocolName = strdup("live-auction")!
        let deflateName = strdup("permessage-deflate")!
        let deflateOffer = strdup("permessage-deflate; client_no_context_takeover; client_max_window_bits")!
        let host = configuration.host == "0.0.0.0" ? nil : strdup(configuration.host)
        strings = [protocolName, deflateName, deflateOffer] + (host.map { [$0] } ?? [])

        protocols = .allocate(capacity: 2)
        protocols.initialize(repeating: lws_protocols(), count: 2)
        protocols[0].name = UnsafePointer(protocolName)
        protocols[0].callback = serviceLoopCallback
        // Our per-session memory holds one connection id (see ServiceLoop.connection).
        protocols[0].per_session_data_size = MemoryLayout<UInt64>.size
        protocols[0].rx_buffer_size = 16 * 1024

        extensions = .allocate(capacity: 2)
        extensions.initialize(repeating: lws_extension(), count: 2)
        if configuration.permessageDeflate {
            extensions[0].name = UnsafePointer(deflateName)
            extensions[0].callback = cws_pm_deflate_callback()
            extensions[0].client_offer = UnsafePointer(deflateOffer)
        }

        idlePolicy = .allocate(capacity: 1)
        idlePolicy.initialize(to: lws_retry_bo_t())
        idlePolicy.pointee.secs_since_valid_ping = UInt16(configuration.webSocketPingAfter)
        idlePolicy.pointee.secs_since_valid_hangup = UInt16(configuration.webSocketHangUpAfter)

        var info = lws_context_creation_info()
        info.port = Int32(configuration.port)
        info.iface = host.map { UnsafePointer($0) }
        info.protocols = UnsafePointer(protocols)
        info.extensions = UnsafePointer(extensions)
        info.user = user
        info.options = UInt64(LWS_SERVER_OPTION_VALIDATE_UTF8) | UInt64(LWS_SERVER_OPTION_DISABLE_IPV6)
        info.timeout_secs = UInt32(configuration.headerTimeout)
        info.timeout_secs_ah_idle = UInt32(configuration.headerTimeout)
        info.keepalive_timeout = Int32(configuration.keepAliveTimeout)
        info.retry_and_idle_policy = UnsafePointer(idlePolicy)
        // The 32-bit fields: "if max_http_header_data is 0 and this is nonzero, this will be used".
        info.max_http_header_data2 = UInt32(clamping: configuration.maxHeaderBytes)
        info.max_http_header_pool2 = UInt32(clamping: configuration.maxConnectionsReadingHeaders)
        // No `fd_limit_per_thread`: below the descriptor limit it switches lws to looking each
        // descriptor up by a linear scan of its whole table on every event (`wsi_from_fd`, a third
        // of the CPU with 10,000 WebSockets). The connection limit is kept at accept time instead
        // (LWS_CALLBACK_FILTER_NETWORK_CONNECTION in `serviceLoopCallback`).

        guard let context = lws_create_context(&info) else {
            Self.free(protocols, extensions, idlePolicy, strings)
            throw HTTPServerError.cannotListen(host: configuration.host, port: configuration.port)
        }
        pointer = context
        let vhost = lws_get_vhost_by_name(context, "default")
        port = vhost.map { Int(lws_get_vhost_listen_port($0)) } ?? configuration.port
    }

    /// Frees the context; idempotent. Service thread only.
    func destroy() {
        guard !destroyed else { return }
        destroyed = true
        lws_context_destroy(pointer)
        Self.free(protocols, extensions, idlePolicy, strings)
    }

    private static func free(
        _ protocols: UnsafeMutablePointer<lws_protocols>, _ extensions: UnsafeMutablePointer<lws_extension>,
        _ idlePolicy: UnsafeMutablePointer<lws_retry_bo_t>, _ strings: [UnsafeMutablePointer<CChar>]
    ) {
        protocols.deallocate()
        extensions.deallocate()
        idlePolicy.deallocate()
        strings.forEach { Foundation.free($0) }
    }
}

/// Why an `HTTPServer` could not start.
package enum HTTPServerError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int)

    package var description: String {
        switch self {
        case .cannotListen(let host, let port): "cannot listen on \(host):\(port) (is the port already in use?)"
        }
    }
}
