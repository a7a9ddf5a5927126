import Shared

/// An entry the projection could not apply, kept with its raw fields and the reason, so that an
/// operator can inspect it; the projection goes on with the next entry.
struct DeadLetter: Sendable, Hashable {
    let stream: String
    let entryID: RedisStreamEntryID
    /// The entry's fields as a JSON object (see `ProjectionEntry.rawFieldsJSON`).
    let rawFields: String
    let reason: String

    init(_ entry: ProjectionEntry, reason: String) {
        self.stream = entry.stream
        self.entryID = entry.id
        self.rawFields = entry.rawFieldsJSON
        self.reason = reason
    }
}
