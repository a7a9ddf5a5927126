import CLibpq

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`; on any error thrown by `body` (a Swift error or a
    /// server error) or by `COMMIT`, runs `ROLLBACK` and rethrows the original error.
    ///
    /// A body that caught a server error and went on has an aborted transaction, which PostgreSQL
    /// would silently turn `COMMIT` into a rollback for: that case throws `.transaction` instead.
    /// If the connection is lost during `COMMIT`, the outcome is unknown to the client: the
    /// `.connection` error says so.
    package func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        guard !inTransaction else {
            throw PostgresError(code: .transaction, message: "a transaction is already open on this connection")
        }
        try query("BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let value = try body(self)
            if let handle = try? connectedHandle(), PQtransactionStatus(handle) == PQTRANS_INERROR {
                throw PostgresError(code: .transaction, message: "the transaction was aborted by an earlier error")
            }
            try query("COMMIT")
            return value
        } catch {
            rollBack()
            throw error
        }
    }

    /// Best-effort `ROLLBACK` after a failure. Its own failure is not reported: the caller gets the
    /// error that caused the rollback, and a server ends the open transaction of a session that
    /// breaks anyway. On a lost connection there is nothing to roll back from this side.
    private func rollBack() {
        guard isConnected else { return }
        do {
            try query("ROLLBACK")
        } catch {
            // Deliberately ignored, see above.
        }
    }
}
