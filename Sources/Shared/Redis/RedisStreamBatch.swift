/// The entries `XREAD` returned for one stream.
package struct RedisStreamBatch: Sendable, Equatable {
    package var key: String
    package var entries: [RedisStreamEntry]

    package init(key: String, entries: [RedisStreamEntry]) {
        self.key = key
        self.entries = entries
    }

    /// The ID of the last entry, where the next read of this stream should start after.
    package var lastID: RedisStreamEntryID? { entries.last?.id }

    /// Decodes an `XREAD` reply: nil when `BLOCK` expired with nothing new, else
    /// `[[key, [entry, ...]], ...]` with only the streams that had entries.
    static func batches(fromXRead reply: RedisValue) throws -> [RedisStreamBatch] {
        if reply.isNull { return [] }
        guard let streams = reply.array else {
            throw RedisError(code: .unexpectedReply, message: "XREAD returned \(reply)")
        }
        return try streams.map { stream in
            guard let parts = stream.array, parts.count == 2, let key = parts[0].string, let entries = parts[1].array else {
                throw RedisError(code: .unexpectedReply, message: "malformed XREAD stream \(stream)")
            }
            return RedisStreamBatch(key: key, entries: try entries.map(RedisStreamEntry.init(reply:)))
        }
    }
}
