import ArgumentParser
import Logging
import Shared

/// A reader node: projects every event into its own PostgreSQL read model and serves pages,
/// the REST API and live updates.
@main
struct QueryServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "QueryService", abstract: "Serves pages, the REST API and live updates from its own read model.")

    @Option(help: "Address to listen on (env QUERY_HOST).")
    var host = EnvironmentDefault.string("QUERY_HOST", "0.0.0.0")

    @Option(help: "HTTP and WebSocket port (env QUERY_PORT).")
    var port = EnvironmentDefault.int("QUERY_PORT", 8081)

    @Option(help: "libpq connection string of this node's own database (env DATABASE_URL).")
    var databaseURL = EnvironmentDefault.string("DATABASE_URL", "host=127.0.0.1 port=5432 user=postgres dbname=auction_query_1")

    @Option(help: "Folder of numbered SQL migrations (env MIGRATIONS_DIR).")
    var migrationsDir = EnvironmentDefault.string("MIGRATIONS_DIR", "migrations")

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel = EnvironmentDefault.string("LOG_LEVEL", "info")

    func run() throws {
        _ = LoggingSetup.bootstrap(level: logLevel)
        let logger = Logger(label: "query-service")
        var router = Router()
        HealthRoutes.add(to: &router, service: "query")
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        let server = try HTTPServer(configuration: configuration, router: router, logger: logger)
        logger.info("listening", metadata: ["port": "\(server.port)"])
        let signal = ShutdownSignal.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        server.stop()
        logger.info("stopped")
    }
}
