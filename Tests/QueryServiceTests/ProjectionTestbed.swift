import AuctionDomain
import Foundation
import Logging
import Shared
import TestServers
@testable import QueryService

/// One test's own world: its own redis-server (so stream names cannot collide with other tests),
/// its own database with the repository's migrations applied, and helpers to write events and
/// compare read models.
final class ProjectionTestbed: Sendable {
    static let setup = WorkerThread(name: "projection-test-setup")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let migrations = repository.appendingPathComponent("migrations")

    let redisServer: RedisServer
    let redis: RedisClient
    let databaseURL: String
    let database: PostgresClient
    let layout = EventStreamLayout(partitionCount: 4)
    let logger = Logger(label: "projection-test")

    private init(redisServer: RedisServer, databaseURL: String) {
        self.redisServer = redisServer
        self.redis = RedisClient(configuration: RedisConfiguration(port: redisServer.port, poolSize: 2), name: "test-redis")
        self.databaseURL = databaseURL
        self.database = PostgresClient(connectionString: databaseURL, size: 3, name: "test-pg")
    }

    static func make(migrate: Bool = true) async throws -> ProjectionTestbed {
        let (redisServer, databaseURL) = try await setup.run {
            let postgres = try TestEnvironment.postgres()
            return (try RedisServer.start(), postgres.connectionString(database: try postgres.createDatabase(prefix: "proj")))
        }
        let testbed = ProjectionTestbed(redisServer: redisServer, databaseURL: databaseURL)
        if migrate { try await MigrationRunner(directory: migrations).run(on: testbed.database) }
        return testbed
    }

    /// A second, empty database on the same server (for "replayed once" comparisons).
    func otherDatabase() async throws -> String {
        let url = try await Self.setup.run {
            let postgres = try TestEnvironment.postgres()
            return postgres.connectionString(database: try postgres.createDatabase(prefix: "proj"))
        }
        let client = PostgresClient(connectionString: url, size: 1)
        try await MigrationRunner(directory: Self.migrations).run(on: client)
        await client.close()
        return url
    }

    var redisConfiguration: RedisConfiguration { RedisConfiguration(port: redisServer.port) }

    func projectorConfiguration(catchUp: Int = 2_000, live: Int = 100) -> ProjectorConfiguration {
        var configuration = ProjectorConfiguration(layout: layout)
        configuration.catchUpBatchSize = catchUp
        configuration.liveBatchSize = live
        configuration.block = .milliseconds(100)
        configuration.retryDelay = .milliseconds(100)
        return configuration
    }

    func projector(
        databaseURL: String? = nil, catchUp: Int = 2_000, live: Int = 100, publisher: CommittedEventPublisher = CommittedEventPublisher(),
        monitor: ProjectionMonitor = ProjectionMonitor()
    ) -> Projector {
        Projector(
            schema: .live, configuration: projectorConfiguration(catchUp: catchUp, live: live), redis: redisConfiguration,
            databaseURL: databaseURL ?? self.databaseURL, publisher: publisher, monitor: monitor, logger: logger)
    }

    /// Steps until a read finds nothing new; returns the number of entries consumed.
    @discardableResult
    func projectUntilCaughtUp(_ projector: Projector) async throws -> Int {
        var total = 0
        while case let count = try await projector.step(), count > 0 { total += count }
        return total
    }

    func stream(of envelope: PublicEventEnvelope) -> String {
        switch envelope.aggregate {
        case .auction(let id): layout.publicStream(partition: layout.partition(of: id))
        case .user: EventStreamLayout.userStream
        }
    }

    /// Appends events as the CommandService does: `XADD stream * type <type> event <json>`.
    func append(_ envelopes: some Collection<PublicEventEnvelope>) async throws {
        let all = Array(envelopes)
        for start in stride(from: 0, to: all.count, by: 1_000) {
            let commands = try all[start..<min(start + 1_000, all.count)].map { envelope -> [RedisArgument] in
                ["XADD", RedisArgument(stream(of: envelope)), "*", RedisArgument(EventStreamLayout.typeField),
                 RedisArgument(envelope.event.typeName), RedisArgument(EventStreamLayout.eventField), RedisArgument(Array(try envelope.jsonData()))]
            }
            for reply in try await redis.pipeline(commands) where reply.errorMessage != nil { throw RedisError(code: .server, message: "\(reply)") }
        }
    }

    /// Appends an entry with arbitrary fields.
    func appendRaw(_ stream: String, _ fields: [(String, String)]) async throws {
        try await redis.send(["XADD", RedisArgument(stream), "*"] + fields.flatMap { [RedisArgument($0.0), RedisArgument($0.1)] })
    }

    /// An order-independent checksum of every public table of `schema` (positions excluded: they
    /// depend on how a node interleaved the streams and on swaps).
    func checksum(databaseURL: String? = nil, schema: String = "read_model") async throws -> [String: String] {
        let client = PostgresClient(connectionString: databaseURL ?? self.databaseURL, size: 1)
        let tables = [
            "auctions": "SELECT * FROM \(schema).auctions", "bids": "SELECT * FROM \(schema).bids", "users": "SELECT * FROM \(schema).users",
            "dead_letters": "SELECT stream, entry_id, raw_fields, reason FROM \(schema).dead_letters",
            "checkpoints": "SELECT stream, entry_id, entries_read FROM \(schema).checkpoints",
        ]
        var sums: [String: String] = [:]
        do {
            for (table, select) in tables {
                let row = try await client.query(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM (\(select)) t")[0]
                sums[table] = try row.decode(String.self, "sum")
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return sums
    }

    func close() async {
        await redis.close()
        await database.close()
        redisServer.stop()
    }
}
