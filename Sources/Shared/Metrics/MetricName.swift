/// The name of every metric the services export, in one place: the catalog operators read.
///
/// Names follow Prometheus conventions: snake case, base units (seconds), `_total` on counters.
/// Rates such as "events per second" are not exported as gauges: Prometheus derives them from the
/// counters, e.g. `rate(auction_events_appended_total[1m])`.
package enum MetricName {
    // HTTP (recorded by `HTTPServer` for every request).
    /// Counter `{method, route, status}`: requests answered. `route` is the matched pattern
    /// (`/v1/auctions/{id}`), never the raw path, so the label set stays small.
    package static let httpRequests = "http_requests_total"
    /// Histogram `{method, route}`: seconds from the complete request to the response.
    package static let httpRequestDuration = "http_request_duration_seconds"

    // WebSocket (recorded by `HTTPServer`, except subscriptions).
    /// Gauge: open WebSocket connections.
    package static let webSocketConnections = "websocket_connections"
    /// Gauge: live topic subscriptions over all connections (recorded by the live hub).
    package static let webSocketSubscriptions = "websocket_subscriptions"
    /// Counter: frames written to sockets.
    package static let webSocketFramesSent = "websocket_frames_sent_total"
    /// Counter `{reason}`: frames never written; see `FrameDropReason`.
    package static let webSocketFramesDropped = "websocket_frames_dropped_total"

    // Commands (recorded by the CommandService).
    /// Counter `{command, outcome}`: commands handled; see `CommandOutcome`.
    package static let commands = "auction_commands_total"
    /// Histogram `{command}`: seconds to handle a command, lock and append included.
    package static let commandDuration = "auction_command_duration_seconds"
    /// Histogram: seconds spent waiting for a per-auction lock.
    package static let lockWait = "auction_lock_wait_seconds"
    /// Histogram: seconds of the conditional append script (version check and XADD).
    package static let appendDuration = "auction_append_duration_seconds"
    /// Counter: events appended to the streams. Events per second: `rate(...[1m])`.
    package static let eventsAppended = "auction_events_appended_total"

    // Projection (recorded by each QueryService node).
    /// Counter: events applied to this node's read model. Events per second: `rate(...[1m])`.
    package static let eventsProjected = "auction_events_projected_total"
    /// Gauge: stream entries not yet applied to the read model.
    package static let projectionLagEntries = "auction_projection_lag_entries"
    /// Gauge: seconds the oldest entry not yet applied has waited.
    package static let projectionLagSeconds = "auction_projection_lag_seconds"
}
