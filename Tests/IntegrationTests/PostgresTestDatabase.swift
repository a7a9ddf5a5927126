import Foundation
import Shared
import TestServers

/// A fresh database on the suite's PostgreSQL, made off the cooperative pool (createdb blocks).
struct PostgresTestDatabase {
    private static let setup = WorkerThread(name: "postgres-test-setup")
    let connectionString: String

    static func make() async throws -> PostgresTestDatabase {
        try await setup.run {
            let server = try TestEnvironment.postgres()
            return PostgresTestDatabase(connectionString: server.connectionString(database: try server.createDatabase()))
        }
    }

    func client(size: Int = 2) -> PostgresClient {
        PostgresClient(connectionString: connectionString, size: size, name: "test-pg")
    }
}

extension PostgresRows {
    /// The single value of a one-row, one-column result.
    func scalar<T: PostgresDecodable>(_ type: T.Type) throws -> T {
        guard count == 1 else { throw PostgresError(code: .decoding, message: "expected one row, got \(count)") }
        return try self[0].decode(type, at: 0)
    }
}
