import Foundation
import Shared

/// One QueryService node's read model, read over its own connection string.
final class ReadModelNode: Sendable {
    /// A table read as text cells keyed by column name, the way PostgreSQL prints them.
    typealias Row = [String: String?]

    let name: String
    private let client: PostgresClient

    init(name: String, connectionString: String) {
        self.name = name
        self.client = PostgresClient(connectionString: connectionString, size: 1, name: "checker-\(name)")
    }

    /// Polls the node's checkpoints until every stream has been read up to `tails`, or the
    /// timeout passes; returns the streams still behind (empty when caught up). Connection errors
    /// (the database restarting) count as "not yet".
    func waitForCatchUp(to tails: [String: RedisStreamEntryID], timeout: Duration) async -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var behind: [String] = tails.keys.sorted()
        while true {
            if let checkpoints = try? await self.checkpoints() {
                behind = tails.sorted { $0.key < $1.key }.compactMap { stream, tail in
                    let read = checkpoints[stream]
                    if let read, read >= tail { return nil }
                    return "\(stream) read to \(read?.description ?? "nothing"), log ends at \(tail)"
                }
                if behind.isEmpty { return [] }
            }
            guard clock.now < deadline else { return behind }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    /// The last entry ID consumed per stream.
    func checkpoints() async throws -> [String: RedisStreamEntryID] {
        var result: [String: RedisStreamEntryID] = [:]
        for row in try await client.query("SELECT stream, entry_id FROM read_model.checkpoints") {
            if let id = RedisStreamEntryID(try row.decode(String.self, "entry_id")) { result[try row.decode(String.self, "stream")] = id }
        }
        return result
    }

    /// Rows of `sql` as text cells.
    func rows(_ sql: String) async throws -> [Row] {
        let result = try await client.query(sql)
        return result.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(row.columns, row.cells))
        }
    }

    /// An order-independent checksum of a whole table: row count and the md5 of its sorted rows.
    func checksum(of table: String) async throws -> String {
        let row = try await client.query(
            "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM read_model.\(table) t")[0]
        return try row.decode(String.self, "sum")
    }

    func close() async { await client.close() }
}
