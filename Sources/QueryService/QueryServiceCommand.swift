import ArgumentParser
import Logging
import Shared

/// A reader node: projects every event into its own PostgreSQL read model and serves pages,
/// the REST API and live updates. `QueryService rebuild` rebuilds the read model beside it.
@main
struct QueryServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "QueryService", abstract: "Serves pages, the REST API and live updates from its own read model.",
        subcommands: [RebuildCommand.self])

    @Option(help: "Address to listen on (env QUERY_HOST).")
    var host = EnvironmentDefault.string("QUERY_HOST", "0.0.0.0")

    @Option(help: "HTTP and WebSocket port (env QUERY_PORT).")
    var port = EnvironmentDefault.int("QUERY_PORT", 8081)

    @Option(help: "gRPC port (HTTP/2, plaintext); 0 turns gRPC off (env GRPC_PORT).")
    var grpcPort = EnvironmentDefault.int("GRPC_PORT", 9081)

    @OptionGroup var projection: ProjectionOptions

    @OptionGroup var web: WebOptions

    @Flag(inversion: .prefixedNo, help: "Rebuild the read model automatically when Redis lost history (env REBUILD_ON_LOSS=1).")
    var rebuildOnLoss = EnvironmentDefault.int("REBUILD_ON_LOSS", 0) == 1

    @Option(help: "/ready needs the lag at or below this many entries (env READY_MAX_LAG_ENTRIES).")
    var readyMaxLagEntries = EnvironmentDefault.int("READY_MAX_LAG_ENTRIES", 100)

    @Option(help: "/ready needs the lag at or below this many seconds (env READY_MAX_LAG_SECONDS).")
    var readyMaxLagSeconds = EnvironmentDefault.int("READY_MAX_LAG_SECONDS", 5)

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel = EnvironmentDefault.string("LOG_LEVEL", "info")

    /// What route builders get: the node's read model and projection.
    struct Context: Sendable {
        let reader: ReadModelReader
        let projection: ProjectionService
        let readiness: ReadinessPolicy
        let web: WebNode
    }

    /// Every HTTP route of the node. Pages, the REST API and live updates add theirs here.
    ///
    /// It runs before the projection starts, so a live-update layer that registers its
    /// `CommittedEventListener` here (`context.projection.publisher.add`) misses no event.
    static func makeRouter(_ context: Context) -> Router {
        var router = Router()
        HealthRoutes.add(to: &router, service: "query")
        MetricsRoutes.add(to: &router)
        ProjectionRoutes.add(to: &router, monitor: context.projection.monitor, policy: context.readiness)
        context.web.addRoutes(to: &router)
        return router
    }

    func run() async throws {
        _ = LoggingSetup.bootstrap(level: logLevel)
        ServiceMetrics.bootstrapProcess()
        let logger = Logger(label: "query-service")
        let projectionService = ProjectionService(
            settings: .init(
                projector: projection.projector, redis: projection.redis, databaseURL: projection.databaseURL,
                migrationsDirectory: projection.migrationsDirectory, rebuildOnLoss: rebuildOnLoss),
            logger: logger)
        let database = PostgresClient(connectionString: projection.databaseURL, size: 4, name: "read-model")
        let reader = ReadModelReader(database: database)
        // Before the projection starts, so the live hub's listener misses no committed event.
        let webNode = try WebNode(options: web, reader: reader, publisher: projectionService.publisher, logger: logger)
        let context = Context(
            reader: reader, projection: projectionService,
            readiness: ReadinessPolicy(maximumLagEntries: Int64(readyMaxLagEntries), maximumLagSeconds: Double(readyMaxLagSeconds)),
            web: webNode)
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.allowOrigin = webNode.originPolicy.allows
        let server = try HTTPServer(
            configuration: configuration, router: Self.makeRouter(context), webSocketRoutes: webNode.webSocketRoutes, logger: logger)
        let grpc = grpcPort == 0 ? nil : try await GRPCNode(host: host, port: grpcPort, service: LiveAuctionService(
            hub: webNode.hub, reader: reader, bids: webNode.dependencies.bidPlacer))
        projectionService.start()
        logger.info("listening", metadata: ["port": "\(server.port)", "grpc_port": "\(grpc?.port ?? 0)"])
        // ShutdownSignal.wait blocks its thread, so it gets one of its own, off the cooperative pool.
        let signal = try await WorkerThread(name: "shutdown-signal").run { ShutdownSignal.wait() }
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        // gRPC first: its streams are told to go away while the node still serves everything else.
        await grpc?.stop()
        server.stop()
        await projectionService.stop()
        await webNode.finish()
        await database.close()
        logger.info("stopped")
    }
}
