import Shared

/// The entries of one `XREAD`, decoded, and whether any stream filled its `COUNT` (the
/// projector is then still catching up).
struct BatchRead: Sendable {
    let entries: [ProjectionEntry]
    let full: Bool

    typealias Streams = [(key: String, after: RedisStreamEntryID)]

    static func read(_ reader: RedisStreamReader, _ streams: Streams, count: Int, block: Duration) async throws -> BatchRead {
        let batches = try await reader.read(streams, count: count, block: block)
        return BatchRead(entries: ProjectionEntry.entries(of: batches), full: batches.contains { $0.entries.count >= count })
    }

    /// Where the next read starts: after the last entry of each stream in this batch.
    func streams(after previous: Streams) -> Streams {
        var last: [String: RedisStreamEntryID] = [:]
        for entry in entries { last[entry.stream] = entry.id }
        return previous.map { (key: $0.key, after: last[$0.key] ?? $0.after) }
    }
}

/// The next batch, read and decoded while the current one is written.
///
/// During catch-up, reading (reply parsing, JSON decoding) is Swift work in this process and
/// writing is mostly PostgreSQL's work in its own: run one after the other they alternate on the
/// cores; with the next read started before the write, they overlap. A prefetch is used only if
/// the batch it read starts exactly where the stored cursor ends after the commit; otherwise
/// (a failed or refused batch, a moved cursor) it is dropped and the projector reads again.
struct BatchPrefetch: Sendable {
    let streams: BatchRead.Streams
    let count: Int
    let task: Task<BatchRead, any Error>

    static func start(_ reader: RedisStreamReader, _ streams: BatchRead.Streams, count: Int, block: Duration) -> BatchPrefetch {
        BatchPrefetch(streams: streams, count: count, task: Task.detached { try await BatchRead.read(reader, streams, count: count, block: block) })
    }

    /// Whether this prefetch read exactly what a read of `streams` with `count` would.
    func matches(_ streams: BatchRead.Streams, count: Int) -> Bool {
        count == self.count && streams.count == self.streams.count
            && zip(streams, self.streams).allSatisfy { $0.key == $1.key && $0.after == $1.after }
    }
}
