import CWebSockets
import Foundation
import Synchronization
import Logging

/// The libwebsockets side of an `HTTPServer`: runs `lws_service` on its own thread and handles
/// every callback there. It never blocks: handlers run as tasks elsewhere and their results come
/// back through the `ServerMailbox`.
final class ServiceLoop: @unchecked Sendable {
    // @unchecked is safe: every mutable property below is read and written only on the service
    // thread (inside lws callbacks and `run`). Other threads reach this object only through the
    // immutable `mailbox`, `router`, `webSocketRoutes` and `configuration`, which are Sendable.
    let configuration: HTTPServerConfiguration
    let router: Router
    let webSocketRoutes: [String: any WebSocketHandler]
    let mailbox: ServerMailbox
    let logger: Logger

    var connections: [UInt64: ConnectionState] = [:] {
        didSet { connectionCount.store(connections.count, ordering: .relaxed) }
    }
    /// `connections.count`, readable from any thread (tests check that states do not pile up).
    let connectionCount = Atomic<Int>(0)
    /// The same connections by lws handle, for callbacks whose per-session memory is gone.
    var connectionsByWSI: [OpaquePointer: ConnectionState] = [:]
    /// Upgrade requests seen in FILTER_PROTOCOL_CONNECTION, claimed in ESTABLISHED.
    var pendingUpgrades: [OpaquePointer: HTTPRequest] = [:]
    /// Which connection is waiting for each in-flight request's response.
    var requestOwners: [UInt64: UInt64] = [:]
    var nextID: UInt64 = 0
    var stopping = false
    var stopDeadline = Date.distantFuture
    /// Reused buffer with LWS_PRE bytes of headroom for every write.
    var scratch: [UInt8] = []
    let pre = Int(cws_lws_pre())
    /// Accepted descriptors numbered at or past this are refused (see FILTER_NETWORK_CONNECTION).
    let connectionLimit: Int

    init(configuration: HTTPServerConfiguration, router: Router, webSocketRoutes: [String: any WebSocketHandler], logger: Logger) {
        self.configuration = configuration
        self.router = router
        self.webSocketRoutes = webSocketRoutes
        self.mailbox = ServerMailbox(maxQueuedFrames: configuration.maxQueuedFrames, metrics: configuration.metrics)
        self.logger = logger
        self.connectionLimit = configuration.effectiveMaxConnections
    }

    func makeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// The connection owning `user` (lws' per-session memory, which holds our id), created on first use.
    func connection(wsi: OpaquePointer, user: UnsafeMutableRawPointer?) -> ConnectionState? {
        guard let slot = user?.assumingMemoryBound(to: UInt64.self) else { return nil }
        if slot.pointee != 0, let existing = connections[slot.pointee] { return existing }
        // lws gives a keep-alive connection fresh, zeroed per-session memory for each transaction,
        // without a CLOSED_HTTP for the one before: forget that one here, or every request on a
        // kept-alive connection would leave its state behind (a leak found by the soak).
        if let previous = connectionsByWSI[wsi] { forget(previous) }
        let state = ConnectionState(id: makeID(), wsi: wsi)
        slot.pointee = state.id
        connections[state.id] = state
        connectionsByWSI[wsi] = state
        return state
    }

    /// Forgets a closed connection.
    func forget(_ state: ConnectionState) {
        connections.removeValue(forKey: state.id)
        connectionsByWSI.removeValue(forKey: state.wsi)
    }

    func existingConnection(user: UnsafeMutableRawPointer?) -> ConnectionState? {
        guard let id = user?.assumingMemoryBound(to: UInt64.self).pointee, id != 0 else { return nil }
        return connections[id]
    }

    /// Runs the service loop until a requested stop has finished. Call on the service thread.
    func run(context: OpaquePointer) {
        while true {
            if stopping {
                let busy = connections.values.contains { $0.kind == .webSocket || $0.inFlight }
                if !busy || Date() >= stopDeadline { break }
                // While draining, poll so that the deadline is noticed even without socket events.
                lws_service(context, -1)
                usleep(5_000)
            } else {
                lws_service(context, 0)
            }
        }
    }

    /// Handles LWS_CALLBACK_EVENT_WAIT_CANCELLED: another thread left work in the mailbox.
    func drainMailbox() {
        let (responses, writable, stop) = mailbox.drain()
        for (requestID, response) in responses {
            guard let owner = requestOwners.removeValue(forKey: requestID), let state = connections[owner],
                  state.requestID == requestID, state.request != nil else { continue }
            state.response = response
            state.request = nil
            lws_set_timeout(state.wsi, NO_PENDING_TIMEOUT, 0)
            lws_callback_on_writable(state.wsi)
        }
        for id in writable {
            if let state = connections[id] { lws_callback_on_writable(state.wsi) }
        }
        if stop && !stopping { beginStop() }
    }

    private func beginStop() {
        stopping = true
        stopDeadline = Date().addingTimeInterval(configuration.shutdownGracePeriod)
        for state in connections.values where state.kind == .webSocket {
            mailbox.close(state.id, code: WebSocketCloseCode.goingAway.rawValue, reason: "server shutting down")
            lws_callback_on_writable(state.wsi)
        }
    }

    /// Copies `bytes` behind LWS_PRE bytes of headroom and writes them with `lws_write`.
    /// Returns false when the write failed and the connection must close.
    func write(_ wsi: OpaquePointer, _ bytes: ArraySlice<UInt8>, _ protocolFlag: lws_write_protocol) -> Bool {
        let needed = pre + bytes.count
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: max(needed, 4096)) }
        return scratch.withUnsafeMutableBufferPointer { buffer -> Bool in
            let base = buffer.baseAddress! + pre
            bytes.withUnsafeBufferPointer { source in
                if let from = source.baseAddress { base.update(from: from, count: source.count) }
            }
            let written = lws_write(wsi, base, bytes.count, protocolFlag)
            return written >= bytes.count
        }
    }

    /// A header as lws holds it. `malformed`: present, but its value holds NUL, CR or LF. lws hands
    /// values over as C strings, so a NUL would cut `Bearer <token>\0junk` to a valid token and make
    /// two `Idempotency-Key`s that share a prefix the same key; such a request is refused, not cut.
    enum HeaderValue {
        case absent
        case value(String)
        case malformed
    }

    /// Reads a standard header.
    func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> HeaderValue {
        let length = Int(lws_hdr_total_length(wsi, token))
        guard length > 0 else { return .absent }
        var buffer = [CChar](repeating: 0, count: length + 1)
        guard lws_hdr_copy(wsi, &buffer, Int32(buffer.count), token) >= 0 else { return .malformed }
        return Self.checked(buffer, length: length)
    }

    /// Reads a header that lws does not know by token (`name` in lower case, without colon).
    func customHeader(_ wsi: OpaquePointer, _ name: String) -> HeaderValue {
        let key = name + ":"
        let length = Int(lws_hdr_custom_length(wsi, key, Int32(key.utf8.count)))
        guard length > 0 else { return .absent }
        var buffer = [CChar](repeating: 0, count: length + 1)
        guard lws_hdr_custom_copy(wsi, &buffer, Int32(buffer.count), key, Int32(key.utf8.count)) >= 0 else { return .malformed }
        return Self.checked(buffer, length: length)
    }

    /// The `length` bytes lws copied, malformed when one of them is NUL, CR or LF.
    private static func checked(_ buffer: [CChar], length: Int) -> HeaderValue {
        let bytes = buffer.prefix(length).map { UInt8(bitPattern: $0) }
        guard !bytes.contains(where: { $0 == 0 || $0 == 0x0D || $0 == 0x0A }) else { return .malformed }
        return .value(String(decoding: bytes, as: UTF8.self))
    }
}
