/// A small pool of `PostgresConnection`s, each confined to its own `WorkerThread`, so that libpq's
/// blocking calls never run on Swift's cooperative pool.
///
/// Connections open lazily, on first use of their slot, and a slot whose connection failed to
/// open tries again next time. A task waiting for a free connection is suspended (a queued
/// continuation), never blocking a thread; cancelling it ends the wait with `CancellationError`.
package final class PostgresClient: Sendable {
    private let pool: ConnectionPool<PostgresConnection>

    /// Makes a pool of `size` connections to `connectionString` (a libpq conninfo string).
    package init(connectionString: String, size: Int = 4, name: String = "postgres") {
        self.pool = ConnectionPool(
            size: size,
            name: name,
            open: { try PostgresConnection(connectionString: connectionString) },
            closedError: { PostgresError(code: .connection, message: "the client is closed") }
        )
    }

    /// Runs one parameterized statement on a free connection.
    @discardableResult
    package func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> PostgresRows {
        try await withConnection { try $0.query(sql, parameters) }
    }

    /// Runs `body` with a free connection, on that connection's thread. `body` may block.
    package func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await pool.withConnection(body)
    }

    /// Runs `body` in a transaction on a free connection: `BEGIN`, `body`, `COMMIT`; `ROLLBACK`
    /// and rethrow on any error (see `PostgresConnection.withTransaction`).
    package func withTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withConnection { try $0.withTransaction(body) }
    }

    /// Fails waiting and later calls, closes every connection after its current job, and stops the
    /// threads. Idempotent.
    package func close() async {
        await pool.close { $0.close() }
    }
}
