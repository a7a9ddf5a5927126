/// `GET /metrics`: every metric of a `ServiceMetrics` registry in the Prometheus text exposition
/// format (version 0.0.4), for a Prometheus server to scrape.
package enum MetricsRoutes {
    /// The content type Prometheus expects for the text format.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Adds the route. Services pass nothing (the process's metrics); tests pass their own.
    package static func add(to router: inout Router, metrics: ServiceMetrics = .process) {
        router.get("/metrics") { _ in
            HTTPResponse(status: 200, contentType: contentType, body: metrics.registry.emitToBuffer())
        }
    }
}
