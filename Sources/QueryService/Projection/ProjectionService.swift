import Foundation
import Logging
import Shared

/// The projection side of a serving node: applies the migrations, then runs the live projector
/// and the lag probe until `stop()`, and rebuilds after lost history when configured to.
///
/// Nothing here ends the process: a database or Redis that is down is retried, and `/ready`
/// says why the node is not ready meanwhile.
final class ProjectionService: Sendable {
    /// What the node was started with (see `ProjectionOptions`).
    struct Settings: Sendable {
        var projector: ProjectorConfiguration
        var redis: RedisConfiguration
        var databaseURL: String
        var migrationsDirectory: URL
        var rebuildOnLoss = false
        var probeInterval: Duration = .seconds(1)
    }

    let monitor = ProjectionMonitor()
    let publisher = CommittedEventPublisher()
    private let settings: Settings
    private let logger: Logger
    private let projector: Projector
    private let redis: RedisClient
    private let task = LockedTask()

    init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        var probeRedis = settings.redis
        probeRedis.poolSize = 1
        self.redis = RedisClient(configuration: probeRedis, name: "lag-probe")
        self.projector = Projector(
            schema: .live, configuration: settings.projector, redis: settings.redis, databaseURL: settings.databaseURL,
            publisher: publisher, monitor: monitor, logger: logger)
    }

    /// Starts in the background: migrations first, then projector and probe.
    func start() {
        task.set(Task { await self.runAll() })
    }

    /// Stops the projector and the probe and closes their connections.
    func stop() async {
        await projector.stop()
        task.cancel()
        await task.value()
        await projector.close()
        await redis.close()
    }

    private func runAll() async {
        await applyMigrations()
        guard !Task.isCancelled else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.projector.run() }
            group.addTask { await self.probeLoop() }
        }
    }

    private func applyMigrations() async {
        let runner = MigrationRunner(directory: settings.migrationsDirectory)
        while !Task.isCancelled {
            let database = PostgresClient(connectionString: settings.databaseURL, size: 1, name: "migrations")
            do {
                let applied = try await runner.run(on: database)
                await database.close()
                logger.info("migrations applied", metadata: ["new": "\(applied)"])
                monitor.update { $0.migrationsApplied = true }
                return
            } catch {
                await database.close()
                logger.error("cannot apply migrations; retrying", metadata: ["error": "\(error)"])
                monitor.update { $0.lastError = "migrations: \(error)" }
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    private func probeLoop() async {
        let probe = LagProbe(streams: settings.projector.streams, redis: redis, monitor: monitor, logger: logger)
        while !Task.isCancelled {
            do {
                let lost = try await probe.probe()
                if !lost.isEmpty && settings.rebuildOnLoss { await rebuildAfterLoss() }
            } catch {
                logger.warning("lag probe failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: settings.probeInterval)
        }
    }

    /// Rebuilds in this process, then makes the projector follow the swap at once. The probe
    /// waits meanwhile: the node stays not ready (lost history) until the swap.
    private func rebuildAfterLoss() async {
        monitor.update { $0.rebuilding = true }
        defer { monitor.update { $0.rebuilding = false } }
        let rebuilder = ReadModelRebuilder(
            configuration: settings.projector, redis: settings.redis, databaseURL: settings.databaseURL, logger: logger)
        do {
            try await rebuilder.run()
            try await projector.followSwap()
        } catch {
            logger.error("rebuild after lost history failed; will try again", metadata: ["error": "\(error)"])
        }
    }
}
