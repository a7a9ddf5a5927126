import Foundation

/// Applies the numbered SQL files of a folder to a database, once each, in order.
///
/// - Runners serialize on a session advisory lock (`advisoryLockKey`), so several service
///   instances starting together apply each file exactly once.
/// - Each file runs in its own transaction together with its `schema_migrations` row: a failing
///   file leaves the earlier ones applied and itself unapplied. Files must therefore not contain
///   `BEGIN`/`COMMIT` or statements that cannot run in a transaction (`CREATE INDEX CONCURRENTLY`).
/// - It refuses to start when an applied file's checksum changed: history is never edited.
package struct MigrationRunner: Sendable {
    /// The `pg_advisory_lock` key all runners share ("auction" in ASCII, then 1).
    package static let advisoryLockKey: Int64 = 0x6175_6374_696F_6E01

    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    /// Applies the pending migrations on one of `client`'s connections; returns their versions.
    @discardableResult
    package func run(on client: PostgresClient) async throws -> [Int] {
        let directory = self.directory
        return try await client.withConnection { connection in
            try Self.apply(try Migration.load(from: directory), on: connection)
        }
    }

    /// Applies the pending ones of `migrations` on `connection` (blocking); returns their versions.
    package static func apply(_ migrations: [Migration], on connection: PostgresConnection) throws -> [Int] {
        try connection.query("SELECT pg_advisory_lock($1)", [.int(advisoryLockKey)])
        let applied = Result { try applyLocked(migrations, on: connection) }
        // The session lock must be released even when applying failed: the connection goes back
        // to a pool. If it was lost instead, the server has released the lock with the session.
        let unlocked = Result { try connection.query("SELECT pg_advisory_unlock($1)", [.int(advisoryLockKey)]) }
        let versions = try applied.get()
        _ = try unlocked.get()
        return versions
    }

    private static func applyLocked(_ migrations: [Migration], on connection: PostgresConnection) throws -> [Int] {
        try connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
        var checksums: [Int: String] = [:]
        for row in try connection.query("SELECT version, checksum FROM schema_migrations") {
            checksums[try row.decode(Int.self, "version")] = try row.decode(String.self, "checksum")
        }
        for migration in migrations {
            if let checksum = checksums[migration.version], checksum != migration.checksum {
                throw MigrationError(.checksumChanged(version: migration.version, name: migration.name))
            }
        }
        var applied: [Int] = []
        for migration in migrations where checksums[migration.version] == nil {
            do {
                try connection.withTransaction { connection in
                    try connection.executeTrustedScript(migration.sql)
                    try connection.query(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [.int(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
                }
            } catch {
                throw MigrationError(.failed(version: migration.version, name: migration.name), underlying: error)
            }
            applied.append(migration.version)
        }
        return applied
    }
}
