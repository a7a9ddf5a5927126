/// Where the watchers of a `WatcherPool` connect and what each one says first.
struct WatcherSettings: Sendable {
    var host = "127.0.0.1"
    var port = 8081
    var path = "/live"
    var count = 1_000
    /// How many handshakes may be in progress at once: 10,000 simultaneous connects would overflow
    /// the listen backlog of the server under test.
    var maxConnecting = 200
    /// The first text message of watcher `index` (a subscription), or nil to say nothing.
    var greeting: @Sendable (Int) -> String? = { _ in nil }
    /// Whether to keep every frame's arrival time (latency scenarios) or only count frames.
    var recordArrivals = false
}
