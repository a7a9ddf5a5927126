import ArgumentParser
import Logging
import Shared

/// The writer: validates commands under per-auction Redis locks and appends events to Redis Streams.
@main
struct CommandServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "CommandService", abstract: "Accepts auction commands over HTTP and appends their events to Redis Streams.")

    @Option(help: "Address to listen on (env COMMAND_HOST).")
    var host = EnvironmentDefault.string("COMMAND_HOST", "0.0.0.0")

    @Option(help: "HTTP port (env COMMAND_PORT).")
    var port = EnvironmentDefault.int("COMMAND_PORT", 8080)

    @Option(help: "Redis host (env REDIS_HOST).")
    var redisHost = EnvironmentDefault.string("REDIS_HOST", "127.0.0.1")

    @Option(help: "Redis port (env REDIS_PORT).")
    var redisPort = EnvironmentDefault.int("REDIS_PORT", 6379)

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel = EnvironmentDefault.string("LOG_LEVEL", "info")

    func run() throws {
        _ = LoggingSetup.bootstrap(level: logLevel)
        let logger = Logger(label: "command-service")
        var router = Router()
        HealthRoutes.add(to: &router, service: "command")
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
