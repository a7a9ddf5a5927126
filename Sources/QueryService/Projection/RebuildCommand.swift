import ArgumentParser
import Logging
import Shared

/// `QueryService rebuild`: replays every stream into a fresh schema and swaps it in, while a
/// serving node on the same database keeps answering from the live one.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Rebuild this node's read model from zero and swap it in when caught up.")

    @OptionGroup var projection: ProjectionOptions

    @Option(help: "Log level (env LOG_LEVEL).")
    var logLevel = EnvironmentDefault.string("LOG_LEVEL", "info")

    func run() async throws {
        _ = LoggingSetup.bootstrap(level: logLevel)
        let logger = Logger(label: "query-service-rebuild")
        let database = PostgresClient(connectionString: projection.databaseURL, size: 1, name: "rebuild-migrations")
        do {
            try await MigrationRunner(directory: projection.migrationsDirectory).run(on: database)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        let rebuilder = ReadModelRebuilder(
            configuration: projection.projector, redis: projection.redis, databaseURL: projection.databaseURL, logger: logger)
        let position = try await rebuilder.run()
        logger.notice("rebuild done", metadata: ["position": "\(position)"])
    }
}
