/// HTTP request metrics, recorded by `HTTPServer` for every answered request.
extension ServiceMetrics {
    /// Counts a request by method, route pattern and status, and records its duration.
    /// - Parameters:
    ///   - method: the request method, or "UNKNOWN" when the request could not be parsed.
    ///   - route: the matched route pattern (`Router.routeName(for:)`), never the raw path.
    package func httpRequestCompleted(method: String, route: String, status: Int, duration: Duration) {
        counter(MetricName.httpRequests, [("method", method), ("route", route), ("status", String(status))]).increment()
        timer(MetricName.httpRequestDuration, [("method", method), ("route", route)]).record(duration: duration)
    }
}
