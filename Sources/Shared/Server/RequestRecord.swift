import Logging

/// The one log line and the metrics of an answered HTTP request.
///
/// Every request the server answers goes through `completed` exactly once: those a handler
/// answered and those refused while reading (400, 413, 503 while stopping). The info line is the
/// access log; the debug line adds what helps to reproduce a request without logging bodies or
/// credentials.
struct RequestRecord: Sendable {
    let method: String
    /// The matched route pattern, "unmatched", or "unparsed" when no request could be read.
    let route: String
    let requestID: String?
    let remoteAddress: String
    let queryCount: Int
    let bodyBytes: Int
    let logger: Logger
    let metrics: ServiceMetrics

    init(request: HTTPRequest?, route: String, logger: Logger, metrics: ServiceMetrics) {
        method = request?.method.rawValue ?? "UNKNOWN"
        self.route = route
        requestID = request?.header("x-request-id")
        remoteAddress = request?.remoteAddress ?? ""
        queryCount = request?.query.pairs.count ?? 0
        bodyBytes = request?.body.count ?? 0
        self.logger = logger
        self.metrics = metrics
    }

    func completed(status: Int, duration: Duration) {
        metrics.httpRequestCompleted(method: method, route: route, status: status, duration: duration)
        var metadata: Logger.Metadata = [
            "method": "\(method)", "route": "\(route)", "status": "\(status)", "duration_ms": "\(duration.milliseconds)",
        ]
        if let requestID { metadata["request_id"] = "\(requestID)" }
        logger.info("request", metadata: metadata)
        // Inline, so that the metadata is only built when debug is on (it is an autoclosure).
        logger.debug(
            "request details",
            metadata: [
                "route": "\(route)", "remote": "\(remoteAddress)", "query_parameters": "\(queryCount)", "body_bytes": "\(bodyBytes)",
            ])
    }
}
