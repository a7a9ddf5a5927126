import Shared

/// An entry that could not be decoded: the log holds something no reader can trust.
struct UnreadableEntry: Sendable {
    let stream: String
    let entryID: RedisStreamEntryID
    let reason: String
}
