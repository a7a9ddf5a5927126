import Foundation
import Logging
import Shared

/// The running service: Redis pool, command executor, closer and HTTP server, with one start
/// and one graceful stop.
///
/// Stop order matters: the HTTP server stops accepting and lets in-flight commands finish (each
/// is decided by its partition writer), then the closer is cancelled and
/// awaited (its current command completes the same way), then the writers hand their leases
/// back (another instance takes the auctions over at once), and only then is Redis closed.
final class CommandServiceRuntime: Sendable {
    let server: HTTPServer
    private let redis: RedisClient
    private let executor: AuctionCommandExecutor
    private let users: UserDirectory
    private let closer: Task<Void, Never>
    private let logger: Logger

    private init(
        server: HTTPServer, redis: RedisClient, executor: AuctionCommandExecutor, users: UserDirectory, closer: Task<Void, Never>,
        logger: Logger
    ) {
        self.server = server
        self.redis = redis
        self.executor = executor
        self.users = users
        self.closer = closer
        self.logger = logger
    }

    static func start(_ settings: CommandServiceSettings, logger: Logger) async throws -> CommandServiceRuntime {
        let signer = try SessionTokenSigner(secret: settings.sessionSecret)
        let redis = RedisClient(configuration: settings.redis, name: "redis-commands")
        let layout = EventStreamLayout(partitionCount: settings.partitionCount)
        do {
            try await PartitionCountCheck.verify(layout, redis: redis)
        } catch {
            await redis.close()
            throw error
        }
        let executor = AuctionCommandExecutor(
            store: AuctionStore(redis: redis, layout: layout), policy: settings.lock, pauseBeforeCommit: settings.pauseBeforeCommit,
            logger: logger)
        let users = UserDirectory(redis: redis)
        let routes = CommandRoutes(
            executor: executor, users: users, authenticator: Authenticator(signer: signer),
            loginThrottle: LoginThrottle(redis: redis, policy: settings.loginThrottle),
            clientAddresses: ClientAddressResolver(trustedProxies: settings.trustedProxies),
            sessionLifetimeSeconds: settings.sessionLifetimeSeconds, metrics: .process, logger: logger)
        var router = Router()
        HealthRoutes.add(to: &router, service: "command")
        MetricsRoutes.add(to: &router)
        routes.add(to: &router)
        var configuration = HTTPServerConfiguration()
        configuration.host = settings.host
        configuration.port = settings.port
        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, router: router, logger: logger)
        } catch {
            users.stop()
            await redis.close()
            throw error
        }
        let closer = AuctionCloser(executor: executor, pollInterval: settings.closerPollInterval, logger: logger)
        let task = Task { await closer.run() }
        return CommandServiceRuntime(server: server, redis: redis, executor: executor, users: users, closer: task, logger: logger)
    }

    /// Callers stop `server` first from a thread outside the cooperative pool (its `stop()`
    /// blocks until in-flight requests finish); here it is then a no-op.
    func stop() async {
        server.stop()
        closer.cancel()
        await closer.value
        await executor.close()
        users.stop()
        await redis.close()
    }
}
