import Shared

/// Creates the fresh schema a rebuild fills, and swaps it in for the live one.
///
/// The swap is one transaction: lock both cursors (waiting for a live batch in progress), make
/// the new position continue after the live one (positions never go backwards on a node), then
/// `ALTER SCHEMA ... RENAME` twice. Readers resolve `read_model.…` by name in each statement, so a
/// query before the commit reads the old tables and one after it the new ones; none fails. The
/// serving projector notices at its next batch or idle check (`CursorMismatch`) and continues
/// from the new schema's checkpoints, so no entry is skipped.
enum ReadModelSwap {
    /// Drops any leftover `next` schema and creates an empty one from the current definition.
    static func prepareNext(on connection: PostgresConnection) throws {
        try connection.query("SET client_min_messages TO warning")
        try connection.withTransaction { connection in
            try connection.query("DROP SCHEMA IF EXISTS \"\(ReadModelSchema.next)\" CASCADE")
            try connection.query("SELECT create_read_model($1)", [.text(ReadModelSchema.next.name)])
        }
    }

    /// Makes `next` the live schema; returns the live schema's new position.
    @discardableResult
    static func swap(on connection: PostgresConnection) throws -> Int64 {
        // DROP ... CASCADE lists every dropped object as a NOTICE: not worth a log line each.
        try connection.query("SET client_min_messages TO warning")
        let live = ReadModelSchema.live, next = ReadModelSchema.next, retired = ReadModelSchema.retired
        try connection.query("DROP SCHEMA IF EXISTS \"\(retired)\" CASCADE")
        let position = try connection.withTransaction { connection -> Int64 in
            try connection.query(
                """
                LOCK TABLE \(live.table("checkpoints")), \(live.table("projection_position")),
                    \(next.table("checkpoints")), \(next.table("projection_position")) IN ACCESS EXCLUSIVE MODE
                """)
            let rows = try connection.query(
                """
                UPDATE \(next.table("projection_position"))
                SET position = greatest(position, (SELECT position FROM \(live.table("projection_position")))) + 1
                RETURNING position
                """)
            let position = try rows[0].decode(Int64.self, "position")
            try connection.query("ALTER SCHEMA \"\(live)\" RENAME TO \"\(retired)\"")
            try connection.query("ALTER SCHEMA \"\(next)\" RENAME TO \"\(live)\"")
            return position
        }
        // Separately: waits only for readers still inside the old tables, not the swap itself.
        try connection.query("DROP SCHEMA IF EXISTS \"\(retired)\" CASCADE")
        return position
    }
}
