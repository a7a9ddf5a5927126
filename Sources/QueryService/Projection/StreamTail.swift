import Shared

/// The end of one stream as `XINFO STREAM` reports it: the last ID ever generated (deleting the
/// last entry does not lower it) and how many entries were ever added (trimming does not lower
/// it). A stream that does not exist has neither.
struct StreamTail: Sendable, Hashable {
    var lastGeneratedID: RedisStreamEntryID
    var entriesAdded: Int64

    static let empty = StreamTail(lastGeneratedID: .zero, entriesAdded: 0)

    /// Decodes an `XINFO STREAM` reply (a flat list of names and values); the error reply
    /// `ERR no such key` is an empty stream.
    init(xinfo reply: RedisValue) throws {
        if let message = reply.errorMessage {
            guard message.lowercased().contains("no such key") else {
                throw RedisError(code: .server, message: message)
            }
            self = .empty
            return
        }
        guard let items = reply.array, items.count.isMultiple(of: 2) else {
            throw RedisError(code: .unexpectedReply, message: "XINFO STREAM returned \(reply)")
        }
        var lastID: RedisStreamEntryID?
        var added: Int64?
        for index in stride(from: 0, to: items.count, by: 2) {
            switch items[index].string {
            case "last-generated-id": lastID = items[index + 1].string.flatMap(RedisStreamEntryID.init)
            case "entries-added": added = items[index + 1].int
            default: break
            }
        }
        guard let lastID, let added else {
            throw RedisError(code: .unexpectedReply, message: "XINFO STREAM lacks last-generated-id or entries-added (Redis 7 needed)")
        }
        self.init(lastGeneratedID: lastID, entriesAdded: added)
    }

    init(lastGeneratedID: RedisStreamEntryID, entriesAdded: Int64) {
        self.lastGeneratedID = lastGeneratedID
        self.entriesAdded = entriesAdded
    }

    /// True when `checkpoint` claims more than the stream holds: Redis lost history (restored
    /// from an older snapshot, or flushed). Either the checkpoint's ID is past the last ID ever
    /// generated, or more entries were read than were ever added, or the checkpoint's own entry is
    /// gone (`checkpointEntryExists`; event streams are never trimmed, so it must still be there).
    func hasLostHistory(before checkpoint: StreamCheckpoint, checkpointEntryExists: Bool) -> Bool {
        guard checkpoint.entryID != .zero else { return false }
        return checkpoint.entryID > lastGeneratedID || checkpoint.entriesRead > entriesAdded || !checkpointEntryExists
    }
}
