/// Counters of the live hub, for tests and metrics. Each counts work done once per node, so with
/// the shared-subscription cache they do not grow with the number of subscribers (except
/// `framesSent`).
struct LiveStatistics: Sendable, Equatable {
    /// Events folded into a topic state (scan invocations), seed replays included.
    var scans = 0
    /// View models computed (map invocations).
    var views = 0
    /// Fragments rendered to HTML.
    var renders = 0
    /// Update frames serialized to JSON bytes.
    var serializations = 0
    /// Frames handed to connections (one per subscriber per change).
    var framesSent = 0
    /// Frames that replaced an older queued frame of the same topic (a slow reader's skipped states).
    var conflated = 0
    /// Sends refused because a connection's queue overflowed (the server closes it with 1013).
    var overflowed = 0
    /// Seeds read from the read model.
    var seeds = 0
    /// Seeds that failed.
    var seedFailures = 0
    /// Topics created and torn down.
    var topicsCreated = 0
    var topicsTornDown = 0
    /// Idle topics dropped because the bound of warm unsubscribed topics was reached.
    var topicsEvicted = 0
    /// Page views served from the topics (``LiveHub/read(_:atLeast:)``).
    var pageReads = 0
}
