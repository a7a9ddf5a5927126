import Shared

/// How far the projection has read one stream: the last entry consumed (applied, skipped as a
/// duplicate or dead-lettered) and how many entries that was in all, for the lag in entries.
struct StreamCheckpoint: Sendable, Hashable {
    var entryID: RedisStreamEntryID
    var entriesRead: Int64

    /// Before the first entry of a stream.
    static let start = StreamCheckpoint(entryID: .zero, entriesRead: 0)
}
