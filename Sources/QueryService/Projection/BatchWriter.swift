import AuctionDomain
import Foundation
import Shared

/// Applies one batch of entries to a schema in ONE transaction: the read-model effects, the dead
/// letters, the checkpoints of the streams read and the position, all or nothing. That is what
/// makes the projection exactly once: after a crash the stored checkpoints say precisely which
/// entries are in the read model.
///
/// The path is the same for a single live event and for thousands during catch-up: the planned
/// events are bulk-loaded with `COPY` into a staging table and applied with a handful of
/// set-based statements (`ReadModelStatements`), so live and catch-up cannot disagree.
struct BatchWriter: Sendable {
    /// What one committed batch did.
    struct Outcome: Sendable {
        let cursor: ProjectionCursor
        /// The applied events with their positions, for the listeners.
        let committed: [CommittedEvent]
        let duplicates: Int
        let deadLetters: [DeadLetter]
    }

    let schema: ReadModelSchema
    private let statements: ReadModelStatements

    init(schema: ReadModelSchema) {
        self.schema = schema
        self.statements = ReadModelStatements(schema: schema)
    }

    /// Applies `entries` (stream order within each stream) on top of `expected`, which must equal
    /// the stored cursor; otherwise nothing is written and `CursorMismatch` carries the stored one.
    /// With a `deadLetterReason`, the entries are dead-lettered instead of applied.
    func write(
        _ entries: [ProjectionEntry], after expected: ProjectionCursor, deadLetterReason: String? = nil, on connection: PostgresConnection
    ) throws -> Outcome {
        return try connection.withTransaction { connection in
            try connection.executeTrustedScript(Self.openBatch)
            // Locking the cursor rows first serializes batches with a schema swap (ReadModelSwap).
            let stored = try ProjectionCursor.load(from: connection, schema: schema, lock: true)
            guard stored == expected else { throw CursorMismatch(stored: stored) }
            let plan: BatchPlan
            if let deadLetterReason {
                plan = BatchPlan(deadLetters: entries.map { DeadLetter($0, reason: deadLetterReason) })
            } else {
                plan = BatchPlan.make(entries, storedVersions: try storedVersions(of: BatchPlan.aggregates(of: entries), connection))
            }
            var cursor = expected
            var committed: [CommittedEvent] = []
            var rows: [[PostgresValue]] = []
            for step in plan.steps {
                cursor.position += 1
                committed.append(CommittedEvent(position: cursor.position, envelope: step.envelope))
                rows.append(StagedEvent.row(step.envelope, position: cursor.position))
            }
            if !rows.isEmpty {
                try connection.copyIn(table: StagedEvent.table, columns: StagedEvent.columns, rows: rows)
                // One round trip for the whole set-based apply: the statements take no parameters.
                try connection.executeTrustedScript(statements.script)
            }
            for letter in plan.deadLetters { try insert(letter, connection) }
            for entry in entries {
                var checkpoint = cursor.checkpoint(entry.stream)
                checkpoint.entryID = max(checkpoint.entryID, entry.id)
                checkpoint.entriesRead += 1
                cursor.checkpoints[entry.stream] = checkpoint
            }
            try save(cursor, streams: Set(entries.map(\.stream)), connection)
            return Outcome(cursor: cursor, committed: committed, duplicates: plan.duplicates, deadLetters: plan.deadLetters)
        }
    }

    /// The first statements of every batch transaction, in one round trip.
    ///
    /// `synchronous_commit = off`: a batch commits without waiting for its WAL flush, which
    /// takes the disk's fsync off the path from an append to the screens. It is safe because the
    /// read model is derived: a PostgreSQL crash can lose only the last few commits, and it loses
    /// each one whole, read-model rows and checkpoints together, so the projector re-reads those
    /// entries from Redis (exactly once still holds; `Projector` tells the live layer when its
    /// position went back). The staging table is per session, so it is created on first use
    /// and after a reconnect; `client_min_messages` hides the "already exists" notice.
    static let openBatch = """
        SET LOCAL synchronous_commit TO off;
        SET LOCAL client_min_messages TO warning;
        \(StagedEvent.createTable)
        """

    /// The stored version of each aggregate that has one; a registered user is at version 1.
    private func storedVersions(of aggregates: Set<AggregateID>, _ connection: PostgresConnection) throws -> [AggregateID: Int64] {
        var auctions: [String] = []
        var users: [String] = []
        for aggregate in aggregates {
            switch aggregate {
            case .auction(let id): auctions.append(id.rawValue)
            case .user(let id): users.append(id.rawValue)
            }
        }
        var versions: [AggregateID: Int64] = [:]
        if !auctions.isEmpty {
            let rows = try connection.query(
                "SELECT auction_id, version FROM \(schema.table("auctions")) WHERE auction_id IN (SELECT jsonb_array_elements_text($1))",
                [.json(try Self.jsonArray(auctions))])
            for row in rows {
                versions[.auction(AuctionID(try row.decode(String.self, "auction_id")))] = try row.decode(Int64.self, "version")
            }
        }
        if !users.isEmpty {
            let rows = try connection.query(
                "SELECT user_id FROM \(schema.table("users")) WHERE user_id IN (SELECT jsonb_array_elements_text($1))",
                [.json(try Self.jsonArray(users))])
            for row in rows { versions[.user(UserID(try row.decode(String.self, "user_id")))] = 1 }
        }
        return versions
    }

    private func insert(_ letter: DeadLetter, _ connection: PostgresConnection) throws {
        try connection.query(
            """
            INSERT INTO \(schema.table("dead_letters")) (stream, entry_id, raw_fields, reason) VALUES ($1, $2, $3, $4)
            ON CONFLICT (stream, entry_id) DO NOTHING
            """,
            [.text(letter.stream), .text(letter.entryID.description), .json(letter.rawFields), .text(letter.reason)])
    }

    /// The checkpoints of the streams read and the position, in one statement (one round trip).
    private func save(_ cursor: ProjectionCursor, streams: Set<String>, _ connection: PostgresConnection) throws {
        let rows = streams.sorted().map { stream in
            let checkpoint = cursor.checkpoint(stream)
            return SavedCheckpoint(stream: stream, entryID: checkpoint.entryID.description, entriesRead: checkpoint.entriesRead)
        }
        try connection.query(
            """
            WITH saved AS (
                INSERT INTO \(schema.table("checkpoints")) (stream, entry_id, entries_read, updated_at)
                SELECT stream, entry_id, entries_read, now()
                FROM jsonb_to_recordset($1::jsonb) AS c(stream text, entry_id text, entries_read bigint)
                ON CONFLICT (stream) DO UPDATE SET entry_id = excluded.entry_id, entries_read = excluded.entries_read, updated_at = now()
            )
            UPDATE \(schema.table("projection_position")) SET position = $2
            """,
            [.json(String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)), .int(cursor.position)])
    }

    /// One checkpoint row as `save` sends it.
    private struct SavedCheckpoint: Encodable {
        let stream: String
        let entryID: String
        let entriesRead: Int64

        enum CodingKeys: String, CodingKey {
            case stream
            case entryID = "entry_id"
            case entriesRead = "entries_read"
        }
    }

    private static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }
}
