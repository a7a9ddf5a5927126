import Shared

/// Everything a projector must remember between batches: a checkpoint per stream and the
/// node-local position of the last committed event.
///
/// The copy in memory is only ever a cache of the rows in the schema's `checkpoints` and
/// `projection_position` tables, which change in the same transaction as the read model. Each
/// batch first locks those rows and compares them with this cache (see `BatchWriter`), so a batch
/// built on stale knowledge (after a crash, a lost commit reply, or a rebuild that swapped the
/// schema) is rolled back instead of applied twice or with a gap.
struct ProjectionCursor: Sendable, Hashable {
    var checkpoints: [String: StreamCheckpoint]
    var position: Int64
    /// Identifies the physical schema (the `projection_position` table's OID): it changes when a
    /// rebuild swaps in another schema under the same name, and only then.
    var generation: Int64 = 0

    /// The checkpoint of `stream`, or the stream's start.
    func checkpoint(_ stream: String) -> StreamCheckpoint { checkpoints[stream] ?? .start }

    /// Reads the stored cursor of `schema`; with `lock`, the rows stay locked until the transaction ends.
    static func load(from connection: PostgresConnection, schema: ReadModelSchema, lock: Bool = false) throws -> ProjectionCursor {
        let suffix = lock ? " FOR UPDATE" : ""
        var checkpoints: [String: StreamCheckpoint] = [:]
        for row in try connection.query("SELECT stream, entry_id, entries_read FROM \(schema.table("checkpoints"))\(suffix)") {
            let text = try row.decode(String.self, "entry_id")
            guard let id = RedisStreamEntryID(text) else {
                throw PostgresError(code: .decoding, message: "checkpoint \(text) is not a stream entry ID", column: "entry_id")
            }
            checkpoints[try row.decode(String.self, "stream")] = StreamCheckpoint(
                entryID: id, entriesRead: try row.decode(Int64.self, "entries_read"))
        }
        let position = try connection.query(
            "SELECT position, tableoid::bigint AS generation FROM \(schema.table("projection_position"))\(suffix)")
        guard let first = position.first else {
            throw PostgresError(code: .decoding, message: "\(schema).projection_position has no row")
        }
        return ProjectionCursor(
            checkpoints: checkpoints, position: try first.decode(Int64.self, "position"),
            generation: try first.decode(Int64.self, "generation"))
    }
}
