/// A snapshot of the projection's health: what `/ready` decides on, what
/// `/v1/projection/status` shows, and what a metrics exporter reads.
///
/// Lag is measured against Redis by `LagProbe`: `lagEntries` is the number of stream entries not
/// yet applied (exact while streams are not trimmed), `lagSeconds` how long the oldest of them
/// has waited (by Redis `TIME`).
struct ProjectionStatus: Sendable, Hashable, Encodable {
    var migrationsApplied = false
    /// The last Redis call (read or probe) succeeded.
    var redisReachable = false
    /// Lag has been measured at least once since start.
    var lagMeasured = false
    var lagEntries: Int64 = 0
    var lagSeconds: Double = 0
    /// Streams whose checkpoint is ahead of what Redis holds: Redis lost history.
    var lostHistory: [String] = []
    /// A rebuild is in progress in this process.
    var rebuilding = false
    /// The position of the last committed event.
    var position: Int64 = 0
    /// Counters since the process started.
    var appliedEvents: Int64 = 0
    var duplicateEvents: Int64 = 0
    var deadLetters: Int64 = 0
    var batches: Int64 = 0
    /// The most events one committed batch applied: shows that catch-up used large batches.
    var largestBatch: Int64 = 0
    /// The last error of the projector or the probe, for operators; nil once it works again.
    var lastError: String?

    /// Why the node is not ready, empty when it is.
    func notReadyReasons(_ policy: ReadinessPolicy) -> [String] {
        var reasons: [String] = []
        if !migrationsApplied { reasons.append("migrations are not applied") }
        if !redisReachable { reasons.append("Redis is not reachable") }
        if !lostHistory.isEmpty { reasons.append("Redis lost history of \(lostHistory.joined(separator: ", "))") }
        if !lagMeasured { reasons.append("lag not measured yet") }
        if lagEntries > policy.maximumLagEntries { reasons.append("behind by \(lagEntries) entries") }
        if lagSeconds > policy.maximumLagSeconds { reasons.append("behind by \(lagSeconds) seconds") }
        return reasons
    }
}
