import Metrics
import Prometheus
import Synchronization

/// The metrics of one process (or one test), kept in one Prometheus registry that `GET /metrics`
/// serves (see `MetricsRoutes`).
///
/// Every metric is made through swift-metrics (`Counter`, `Meter`, `Timer`) with this instance's
/// own `PrometheusMetricsFactory`, never through the global `MetricsSystem`: a swift-metrics
/// handle made before `MetricsSystem.bootstrap` stays a no-op forever, so depending on the global
/// would make counts depend on start-up order. `ServiceMetrics.process` is the instance the
/// services and the HTTP server use by default; tests make their own over a fresh registry, so
/// their counts are exact however many suites run at once.
///
/// The named helpers live in extensions, one per concern: `+HTTP`, `+WebSocket`, `+Commands`,
/// `+Projection`. Metric names are listed in `MetricName`.
package final class ServiceMetrics: Sendable {
    /// What `GET /metrics` renders.
    package let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    // Unlabeled (or fixed-label) metrics that hot paths touch, made once so that recording is one
    // atomic operation. Labeled ones with open-ended values (route, status, command) are looked up
    // per call: the registry returns the same series for the same labels.
    let webSocketConnections: Metrics.Meter
    let webSocketSubscriptions: Metrics.Meter
    let framesSent: Metrics.Counter
    let framesDropped: [FrameDropReason: Metrics.Counter]
    let lockWait: Metrics.Timer
    let appendDuration: Metrics.Timer
    let eventsAppended: Metrics.Counter
    let eventsProjected: Metrics.Counter
    let projectionLagEntries: Metrics.Meter
    let projectionLagSeconds: Metrics.Meter

    /// Metrics over `registry` (a fresh one by default: what tests want).
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let factory = Self.makeFactory(registry: registry)
        self.factory = factory
        webSocketConnections = Metrics.Meter(label: MetricName.webSocketConnections, factory: factory)
        webSocketSubscriptions = Metrics.Meter(label: MetricName.webSocketSubscriptions, factory: factory)
        framesSent = Metrics.Counter(label: MetricName.webSocketFramesSent, factory: factory)
        var dropped: [FrameDropReason: Metrics.Counter] = [:]
        for reason in FrameDropReason.allCases {
            dropped[reason] = Metrics.Counter(label: MetricName.webSocketFramesDropped, dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        framesDropped = dropped
        lockWait = Metrics.Timer(label: MetricName.lockWait, factory: factory)
        appendDuration = Metrics.Timer(label: MetricName.appendDuration, factory: factory)
        eventsAppended = Metrics.Counter(label: MetricName.eventsAppended, factory: factory)
        eventsProjected = Metrics.Counter(label: MetricName.eventsProjected, factory: factory)
        projectionLagEntries = Metrics.Meter(label: MetricName.projectionLagEntries, factory: factory)
        projectionLagSeconds = Metrics.Meter(label: MetricName.projectionLagSeconds, factory: factory)
    }

    /// The process-wide instance: what the services record into and what their `/metrics` serves.
    package static let process = ServiceMetrics()

    private static let bootstrapped = Mutex(false)

    /// Makes swift-metrics' global `MetricsSystem` record into `ServiceMetrics.process` too, so that
    /// metrics of libraries that use the global API appear on `/metrics`. swift-metrics allows one
    /// bootstrap per process ("calling it more than once will lead to undefined behavior, most
    /// likely a crash"), so this does it on the first call only and later calls do nothing.
    /// Call it first thing in an executable's `run()`.
    package static func bootstrapProcess() {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { MetricsSystem.bootstrap(process.factory) }
    }

    /// A factory over `registry` with buckets suited to each histogram. Prometheus fixes a
    /// histogram's buckets when its first series is made, so they are set here, not per call.
    private static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Requests and commands: from half a millisecond (a cached page) to ten seconds (a timeout).
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
            .seconds(5), .seconds(10),
        ]
        // A Redis round trip on a healthy network is a fraction of a millisecond; contention shows
        // as the upper buckets filling.
        let redisBuckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1),
        ]
        factory.durationHistogramBuckets[MetricName.lockWait] = redisBuckets
        factory.durationHistogramBuckets[MetricName.appendDuration] = redisBuckets
        return factory
    }

    // MARK: Per-call lookups for labeled series

    func counter(_ name: String, _ dimensions: [(String, String)]) -> Metrics.Counter {
        Metrics.Counter(label: name, dimensions: dimensions, factory: factory)
    }

    func timer(_ name: String, _ dimensions: [(String, String)]) -> Metrics.Timer {
        Metrics.Timer(label: name, dimensions: dimensions, factory: factory)
    }
}
