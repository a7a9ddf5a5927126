import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Forwards a command from a QueryService node to the CommandService over HTTP.
///
/// Query nodes never decide anything: a bid typed into a page (form post or WebSocket message) is
/// sent here with the user's own session token and an idempotency key, and the CommandService's
/// answer (status and JSON body) is passed back unchanged, so the user sees the writer's verdict.
/// A writer that cannot be reached becomes a 503 in the usual error shape, never a crash; the
/// idempotency key makes the user's retry safe.
///
/// Failover: with several command URLs (replicas, or balancers), a command that cannot reach one
/// (connection refused, reset, timeout) is sent to the next. Sending the same command twice is safe
/// because the idempotency key makes the writer answer a repeat with the first outcome. An HTTP
/// answer, even a 5xx, is the writer's verdict and is passed back as it is.
package final class CommandRelay: Sendable {
    /// The writer's answer: its status code and JSON body.
    package struct Reply: Sendable {
        package var status: Int
        package var body: [UInt8]
        package var retryAfter: String?

        package init(status: Int, body: [UInt8], retryAfter: String?) {
            self.status = status
            self.body = body
            self.retryAfter = retryAfter
        }
    }

    private let baseURLs: [URL]
    private let session: URLSession
    private let rotation = Mutex(0)

    /// - Parameters:
    ///   - baseURLs: the CommandService replicas (or balancers), e.g. `http://127.0.0.1:8080`.
    ///   - timeout: the most one attempt may take, connection included.
    package init(baseURLs: [URL], timeout: TimeInterval = 10) {
        precondition(!baseURLs.isEmpty, "the relay needs at least one command URL")
        self.baseURLs = baseURLs
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 32
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    /// POSTs `body` (JSON) to `path` with the caller's bearer token and idempotency key.
    /// Tries each command URL once, starting from a rotating one so that load spreads.
    ///
    /// `forwardedFor` is the browser's address, sent as `X-Forwarded-For` so that the writer's
    /// per-address log-in limit counts the browser, not this node (the writer believes it only
    /// from nodes it is configured to trust). It replaces whatever the browser sent in that header.
    package func post(
        _ path: String, json body: [UInt8], token: String?, idempotencyKey: String?, requestID: String? = nil, forwardedFor: String? = nil
    ) async -> Reply {
        let first = rotation.withLock { next in
            defer { next = (next + 1) % baseURLs.count }
            return next
        }
        let headers = Self.headers(token: token, idempotencyKey: idempotencyKey, requestID: requestID, forwardedFor: forwardedFor)
        for offset in 0..<baseURLs.count {
            let baseURL = baseURLs[(first + offset) % baseURLs.count]
            if let reply = await attempt(baseURL, path, body, headers) { return reply }
        }
        return Self.unavailable("The command service is unreachable; please retry.")
    }

    /// One attempt; nil when the writer could not be reached (try the next one).
    private func attempt(_ baseURL: URL, _ path: String, _ body: [UInt8], _ headers: [String: String]) async -> Reply? {
        guard let url = URL(string: path, relativeTo: baseURL) else {
            return Self.unavailable("The command path is invalid.")
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return nil }
            return Reply(status: http.statusCode, body: Array(data), retryAfter: http.value(forHTTPHeaderField: "Retry-After"))
        } catch {
            return nil
        }
    }

    /// The request headers: JSON, and each optional value that is present.
    private static func headers(token: String?, idempotencyKey: String?, requestID: String?, forwardedFor: String?) -> [String: String] {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        if let requestID { headers["X-Request-ID"] = requestID }
        if let forwardedFor, !forwardedFor.isEmpty { headers["X-Forwarded-For"] = forwardedFor }
        return headers
    }

    private static func unavailable(_ message: String) -> Reply {
        let error = APIError(status: 503, code: "command_service_unavailable", message: message)
        return Reply(status: 503, body: error.response.body, retryAfter: "1")
    }
}
