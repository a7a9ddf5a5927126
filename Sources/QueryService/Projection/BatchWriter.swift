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
        if try connection.query("SELECT to_regclass($1) IS NULL AS missing", [.text(StagedEvent.table)])[0].decode(Bool.self, "missing") {
            try connection.query(StagedEvent.createTable)
        }
        return try connection.withTransaction { connection in
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
                for statement in statements.all { try connection.query(statement) }
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

    private func save(_ cursor: ProjectionCursor, streams: Set<String>, _ connection: PostgresConnection) throws {
        for stream in streams.sorted() {
            let checkpoint = cursor.checkpoint(stream)
            try connection.query(
                """
                INSERT INTO \(schema.table("checkpoints")) (stream, entry_id, entries_read, updated_at) VALUES ($1, $2, $3, now())
                ON CONFLICT (stream) DO UPDATE SET entry_id = excluded.entry_id, entries_read = excluded.entries_read, updated_at = now()
                """,
                [.text(stream), .text(checkpoint.entryID.description), .int(checkpoint.entriesRead)])
        }
        try connection.query("UPDATE \(schema.table("projection_position")) SET position = $1", [.int(cursor.position)])
    }

    private static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }
}
