import ArgumentParser
import Foundation
import Shared

/// The settings the serving node and `QueryService rebuild` share: where the node's database and
/// Redis are, how the streams are laid out, and how the projector batches.
struct ProjectionOptions: ParsableArguments {
    @Option(help: "libpq connection string of this node's own database (env DATABASE_URL).")
    var databaseURL = EnvironmentDefault.string("DATABASE_URL", "host=127.0.0.1 port=5432 user=postgres dbname=auction_query_1")

    @Option(help: "Folder of numbered SQL migrations (env MIGRATIONS_DIR).")
    var migrationsDir = EnvironmentDefault.string("MIGRATIONS_DIR", "migrations")

    @Option(help: "Redis host (env REDIS_HOST).")
    var redisHost = EnvironmentDefault.string("REDIS_HOST", "127.0.0.1")

    @Option(help: "Redis port (env REDIS_PORT).")
    var redisPort = EnvironmentDefault.int("REDIS_PORT", 6379)

    @Option(help: "Number of auction partitions; must match the CommandService (env PARTITIONS).")
    var partitions = EnvironmentDefault.int("PARTITIONS", EventStreamLayout.defaultPartitionCount)

    @Option(help: "Entries per stream in one batch while catching up (env CATCH_UP_BATCH).")
    var catchUpBatch = EnvironmentDefault.int("CATCH_UP_BATCH", 2_000)

    @Option(help: "Entries per stream in one batch when live (env LIVE_BATCH).")
    var liveBatch = EnvironmentDefault.int("LIVE_BATCH", 100)

    func validate() throws {
        guard (1...1024).contains(partitions) else { throw ValidationError("--partitions must be 1...1024") }
        guard catchUpBatch > 0, liveBatch > 0 else { throw ValidationError("batch sizes must be positive") }
    }

    var redis: RedisConfiguration {
        RedisConfiguration(host: redisHost, port: redisPort, clientName: "query-service")
    }

    var projector: ProjectorConfiguration {
        var configuration = ProjectorConfiguration(layout: EventStreamLayout(partitionCount: partitions))
        configuration.catchUpBatchSize = catchUpBatch
        configuration.liveBatchSize = liveBatch
        return configuration
    }

    var migrationsDirectory: URL { URL(fileURLWithPath: migrationsDir) }
}
