import Logging
import Shared

/// Measures how far the projection is behind the streams, and notices lost history.
///
/// The cursor is read BEFORE Redis is asked, so a checkpoint can only ever be at or behind the
/// tail it is compared with, unless Redis really lost entries.
struct LagProbe: Sendable {
    let streams: [String]
    let redis: RedisClient
    let monitor: ProjectionMonitor
    let logger: Logger

    /// One measurement; updates the monitor and returns the streams with lost history.
    @discardableResult
    func probe() async throws -> [String] {
        let cursor = monitor.cursor
        // Per stream: its tail, and the checkpoint's own entry (XRANGE id id); then the clock.
        var commands: [[RedisArgument]] = []
        for stream in streams {
            let id = RedisArgument(cursor.checkpoint(stream).entryID.description)
            commands += [["XINFO", "STREAM", RedisArgument(stream)], ["XRANGE", RedisArgument(stream), id, id, "COUNT", "1"]]
        }
        let replies: [RedisValue]
        do {
            replies = try await redis.pipeline(commands + [["TIME"]])
        } catch {
            monitor.update { $0.redisReachable = false }
            throw error
        }
        let now = try RedisTime(reply: replies[commands.count])
        var lost: [String] = []
        var lagEntries: Int64 = 0
        var oldestWaiting: Int64?
        for (index, stream) in streams.enumerated() {
            let tail = try StreamTail(xinfo: replies[2 * index])
            let checkpoint = cursor.checkpoint(stream)
            let entryExists = !(replies[2 * index + 1].array?.isEmpty ?? true)
            if tail.hasLostHistory(before: checkpoint, checkpointEntryExists: entryExists) {
                lost.append(stream)
            } else if checkpoint.entryID < tail.lastGeneratedID {
                lagEntries += max(0, tail.entriesAdded - checkpoint.entriesRead)
                if let waiting = try await firstEntryTime(after: checkpoint.entryID, in: stream) {
                    oldestWaiting = min(oldestWaiting ?? waiting, waiting)
                }
            }
        }
        let lagSeconds = oldestWaiting.map { max(0, Double(now.milliseconds - $0) / 1000) } ?? 0
        let previous = monitor.status.lostHistory
        if !lost.isEmpty && lost != previous {
            logger.critical(
                "LOST HISTORY: the read model's checkpoints are ahead of Redis; this node is not ready",
                metadata: ["streams": "\(lost)", "hint": "run `QueryService rebuild` or start with --rebuild-on-loss"])
        }
        monitor.update { status in
            status.redisReachable = true
            status.lagMeasured = true
            status.lagEntries = lagEntries
            status.lagSeconds = lagSeconds
            status.lostHistory = lost
        }
        ServiceMetrics.process.projectionLag(entries: lagEntries, seconds: lagSeconds)
        return lost
    }

    /// The time (entry ID milliseconds) of the first entry after `id`, if any.
    private func firstEntryTime(after id: RedisStreamEntryID, in stream: String) async throws -> Int64? {
        let reply = try await redis.send(["XRANGE", RedisArgument(stream), RedisArgument("(" + id.description), "+", "COUNT", "1"])
        guard let first = reply.array?.first?.array?.first?.string, let entry = RedisStreamEntryID(first) else { return nil }
        return Int64(entry.milliseconds)
    }
}
