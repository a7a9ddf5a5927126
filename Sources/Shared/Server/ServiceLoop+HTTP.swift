import CWebSockets
import Foundation

/// HTTP/1.1 on the service thread: read the request, hand it to a task, write the response.
extension ServiceLoop {
    private static let methodTokens: [(lws_token_indexes, HTTPMethod)] = [
        (WSI_TOKEN_GET_URI, .get), (WSI_TOKEN_POST_URI, .post), (WSI_TOKEN_PUT_URI, .put),
        (WSI_TOKEN_PATCH_URI, .patch), (WSI_TOKEN_DELETE_URI, .delete), (WSI_TOKEN_OPTIONS_URI, .options),
        (WSI_TOKEN_HEAD_URI, .head),
    ]

    private static let standardHeaders: [(String, lws_token_indexes)] = [
        ("host", WSI_TOKEN_HOST), ("content-type", WSI_TOKEN_HTTP_CONTENT_TYPE), ("content-length", WSI_TOKEN_HTTP_CONTENT_LENGTH),
        ("authorization", WSI_TOKEN_HTTP_AUTHORIZATION), ("cookie", WSI_TOKEN_HTTP_COOKIE), ("origin", WSI_TOKEN_ORIGIN),
        ("user-agent", WSI_TOKEN_HTTP_USER_AGENT), ("referer", WSI_TOKEN_HTTP_REFERER),
        // lws parses X-Forwarded-For itself (LWS_WITH_HTTP_UNCOMMON_HEADERS), so it is not a custom header.
        ("x-forwarded-for", WSI_TOKEN_X_FORWARDED_FOR), ("transfer-encoding", WSI_TOKEN_HTTP_TRANSFER_ENCODING),
    ]

    /// Builds the request lws has parsed (method, decoded path, query fragments, headers).
    func readRequest(_ wsi: OpaquePointer) -> HTTPRequest? {
        guard let (token, method) = Self.methodTokens.first(where: { lws_hdr_total_length(wsi, $0.0) > 0 }),
              // lws has decoded the path: a `%00` in it would silently cut it short (and route
              // `/v1/auctions/%00` to the list), so a path holding NUL is malformed.
              case .value(let path) = header(wsi, token) else { return nil }
        var fragments: [String] = []
        var index: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 4096)
        while lws_hdr_copy_fragment(wsi, &buffer, Int32(buffer.count), WSI_TOKEN_HTTP_URI_ARGS, index) > 0 {
            fragments.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            index += 1
        }
        var headers: [String: String] = [:]
        for (name, token) in Self.standardHeaders {
            switch header(wsi, token) {
            case .absent: break
            case .value(let value): headers[name] = value
            case .malformed: return nil
            }
        }
        for name in configuration.extraHeaders where headers[name] == nil {
            switch customHeader(wsi, name) {
            case .absent: break
            case .value(let value): headers[name] = value
            case .malformed: return nil
            }
        }
        var peer = [CChar](repeating: 0, count: 64)
        let remote = lws_get_peer_simple(wsi, &peer, peer.count).map { String(cString: $0) } ?? ""
        return HTTPRequest(method: method, path: path, query: QueryParameters(fragments: fragments), headers: headers, remoteAddress: remote)
    }

    /// LWS_CALLBACK_HTTP: a request's headers are complete.
    func httpRequestStarted(_ state: ConnectionState) -> Int32 {
        guard let request = readRequest(state.wsi) else {
            return respondNow(state, APIError(status: 400, code: "bad_request", message: "Malformed request.").response, close: true)
        }
        state.resetHTTP()
        state.requestID = makeID()
        state.request = request
        state.isHead = request.method == .head
        if stopping {
            return respondNow(state, APIError(status: 503, code: "shutting_down", message: "The server is shutting down.").response, close: true)
        }
        // Request bodies are read by Content-Length only; a chunked one would be taken for no body
        // and its bytes for the next request.
        if request.header("transfer-encoding") != nil {
            return respondNow(state, APIError(status: 411, code: "length_required", message: "Send the body with a Content-Length.").response,
                              close: true)
        }
        let declared = request.header("content-length").flatMap { Int($0) } ?? 0
        if request.header("content-length") != nil && (declared < 0 || Int(request.header("content-length")!) == nil) {
            return respondNow(state, APIError(status: 400, code: "bad_request", message: "Invalid Content-Length.").response, close: true)
        }
        if declared > configuration.maxBodySize {
            return respondNow(state, APIError.payloadTooLarge(limit: configuration.maxBodySize).response, close: true)
        }
        // A declared body is read whatever the method: dispatching early and again at the body's
        // completion answered one request twice and could wedge the connection (found by api-fuzz).
        guard declared > 0 else {
            dispatch(state)
            return 0
        }
        state.expectedBodyLength = declared
        state.request?.body.reserveCapacity(declared)
        lws_set_timeout(state.wsi, PENDING_TIMEOUT_HTTP_CONTENT, Int32(configuration.headerTimeout))
        return 0
    }

    /// LWS_CALLBACK_HTTP_BODY: a chunk of the request body.
    func httpBodyReceived(_ state: ConnectionState, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard state.request != nil, state.response == nil else { return 0 }
        if (state.request?.body.count ?? 0) + bytes.count > configuration.maxBodySize {
            return respondNow(state, APIError.payloadTooLarge(limit: configuration.maxBodySize).response, close: true)
        }
        state.request?.body.append(contentsOf: bytes)
        return 0
    }

    /// LWS_CALLBACK_HTTP_BODY_COMPLETION: the body is complete.
    func httpBodyCompleted(_ state: ConnectionState) -> Int32 {
        guard state.request != nil, state.response == nil else { return 0 }
        dispatch(state)
        return 0
    }

    /// Runs the route's handler as a task; its response comes back through the mailbox.
    private func dispatch(_ state: ConnectionState) {
        guard let request = state.request else { return }
        // Bounds the time a handler may take before the connection is dropped.
        lws_set_timeout(state.wsi, PENDING_TIMEOUT_USER_OK, 60)
        let (routed, handler) = router.resolve(request)
        let requestID = state.requestID
        requestOwners[requestID] = state.id
        let mailbox = self.mailbox
        let record = RequestRecord(request: routed, route: router.routeName(for: request), logger: logger, metrics: configuration.metrics)
        Task {
            let started = ContinuousClock.now
            let response = await handler(routed)
            record.completed(status: response.status, duration: ContinuousClock.now - started)
            mailbox.respond(to: requestID, with: response)
        }
    }

    /// Answers at once from the service thread (errors found while reading the request).
    private func respondNow(_ state: ConnectionState, _ response: HTTPResponse, close: Bool) -> Int32 {
        let route = state.request.map { router.routeName(for: $0) } ?? "unparsed"
        RequestRecord(request: state.request, route: route, logger: logger, metrics: configuration.metrics)
            .completed(status: response.status, duration: .zero)
        var response = response
        response.closeConnection = close
        state.request = nil
        state.response = response
        lws_callback_on_writable(state.wsi)
        return 0
    }

    /// LWS_CALLBACK_HTTP_WRITEABLE: writes the headers, then the body in chunks.
    /// Returns -1 to close the connection.
    func httpWritable(_ state: ConnectionState) -> Int32 {
        guard let response = state.response else { return 0 }
        let isHead = state.isHead
        if !state.headersSent {
            guard writeHeaders(state.wsi, response, bodyLength: response.body.count) else { return -1 }
            state.headersSent = true
            if response.body.isEmpty || isHead { return finishResponse(state, response) }
            lws_callback_on_writable(state.wsi)
            return 0
        }
        let chunk = 16 * 1024
        let end = min(state.bodyOffset + chunk, response.body.count)
        let last = end == response.body.count
        guard write(state.wsi, response.body[state.bodyOffset..<end], last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) else { return -1 }
        state.bodyOffset = end
        if last { return finishResponse(state, response) }
        lws_callback_on_writable(state.wsi)
        return 0
    }

    private func finishResponse(_ state: ConnectionState, _ response: HTTPResponse) -> Int32 {
        state.resetHTTP()
        if response.closeConnection || stopping { return -1 }
        // "Returns 1 if the HTTP connection must close now, 0 and the connection stays open" (lws-http.h).
        return lws_http_transaction_completed(state.wsi) != 0 ? -1 : 0
    }

    private func writeHeaders(_ wsi: OpaquePointer, _ response: HTTPResponse, bodyLength: Int) -> Bool {
        let extra = response.headers
        let size = pre + 1024 + extra.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        var buffer = [UInt8](repeating: 0, count: size)
        return buffer.withUnsafeMutableBufferPointer { raw -> Bool in
            let start = raw.baseAddress! + pre
            let end = raw.baseAddress! + size - 1
            var cursor: UnsafeMutablePointer<UInt8>? = start
            if lws_add_http_common_headers(wsi, UInt32(response.status), response.contentType, lws_filepos_t(bodyLength), &cursor, end) != 0 {
                return false
            }
            for (name, value) in extra {
                let key = Array((name.lowercased() + ":").utf8) + [0]
                let bytes = Array(value.utf8)
                let added = lws_add_http_header_by_name(wsi, key, bytes, Int32(bytes.count), &cursor, end)
                if added != 0 { return false }
            }
            return lws_finalize_write_http_header(wsi, start, &cursor, end) == 0
        }
    }

    /// LWS_CALLBACK_CLOSED_HTTP and friends: forget the connection.
    func httpClosed(_ state: ConnectionState) {
        requestOwners.removeValue(forKey: state.requestID)
        forget(state)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
