import Logging
import Shared

/// `QueryService rebuild`: replays every stream from zero into a fresh schema while readers keep
/// using the live one, then swaps it in once caught up (`ReadModelSwap`).
///
/// It can run in its own process beside a serving node (the node's projector follows the swap),
/// or inside the node after lost history (`--rebuild-on-loss`).
struct ReadModelRebuilder: Sendable {
    let configuration: ProjectorConfiguration
    let redis: RedisConfiguration
    let databaseURL: String
    let logger: Logger

    /// Rebuilds and swaps; returns the live schema's position after the swap.
    @discardableResult
    func run() async throws -> Int64 {
        let database = PostgresClient(connectionString: databaseURL, size: 1, name: "rebuild-pg")
        do {
            let position = try await rebuild(database)
            await database.close()
            return position
        } catch {
            await database.close()
            throw error
        }
    }

    /// The session advisory lock one rebuild holds ("auction" in ASCII, then 2), so that two
    /// rebuilds of one database (a command and `--rebuild-on-loss`) never share `read_model_next`.
    static let advisoryLockKey: Int64 = 0x6175_6374_696F_6E02

    /// Another rebuild of the same database is running.
    struct AlreadyRunning: Error, CustomStringConvertible {
        var description: String { "another rebuild of this read model is running" }
    }

    private func rebuild(_ database: PostgresClient) async throws -> Int64 {
        // Held by the pool's only connection until it closes at the end of `run`.
        let locked = try await database.withConnection { connection in
            try connection.query("SELECT pg_try_advisory_lock($1) AS locked", [.int(Self.advisoryLockKey)])[0].decode(Bool.self, "locked")
        }
        guard locked else { throw AlreadyRunning() }
        try await database.withConnection { try ReadModelSwap.prepareNext(on: $0) }
        logger.notice("rebuild started: replaying every stream from zero", metadata: ["schema": "\(ReadModelSchema.next)"])
        var replay = configuration
        replay.block = .milliseconds(100)
        let monitor = ProjectionMonitor()
        let projector = Projector(
            schema: .next, configuration: replay, redis: redis, databaseURL: databaseURL, monitor: monitor, logger: logger)
        do {
            // Caught up: one read found nothing new after every checkpoint. Entries that arrive
            // after that are applied by the serving projector once it follows the swap.
            while try await projector.step() > 0 {
                try Task.checkCancellation()
            }
        } catch {
            await projector.close()
            throw error
        }
        await projector.close()
        let status = monitor.status
        let position = try await database.withConnection { try ReadModelSwap.swap(on: $0) }
        logger.notice(
            "rebuild finished: swapped the rebuilt read model in",
            metadata: ["events": "\(status.appliedEvents)", "deadLetters": "\(status.deadLetters)", "position": "\(position)"])
        return position
    }
}
