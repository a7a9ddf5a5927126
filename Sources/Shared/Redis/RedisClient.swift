/// A small pool of `RedisConnection`s, each confined to its own `WorkerThread`, so that hiredis's
/// blocking calls never run on Swift's cooperative pool or on a network thread.
///
/// Connections open lazily, on first use of their slot; a slot whose connection broke reconnects
/// on its next use (see `RedisConnection`). A task waiting for a free connection is suspended (a
/// queued continuation), never blocking a thread; cancelling it ends the wait with `CancellationError`.
package final class RedisClient: Sendable {
    package let configuration: RedisConfiguration
    private let pool: ConnectionPool<RedisConnection>

    /// Makes a pool of `configuration.poolSize` connections; `name` names their threads.
    package init(configuration: RedisConfiguration, name: String = "redis") {
        self.configuration = configuration
        self.pool = ConnectionPool(
            size: configuration.poolSize,
            name: name,
            open: { try RedisConnection(configuration: configuration) },
            closedError: { RedisError(code: .poolClosed, message: "the client is closed") }
        )
    }

    /// Sends one command on a free connection. An error reply is thrown as a `.server` error.
    @discardableResult
    package func send(_ arguments: [RedisArgument]) async throws -> RedisValue {
        try await withConnection { try $0.command(arguments) }
    }

    /// Sends one command on a free connection; see `send(_:)`.
    @discardableResult
    package func send(_ arguments: RedisArgument...) async throws -> RedisValue {
        try await send(arguments)
    }

    /// Sends `commands` in one round trip on one connection; error replies come back as `.error`.
    package func pipeline(_ commands: [[RedisArgument]]) async throws -> [RedisValue] {
        try await withConnection { try $0.pipeline(commands) }
    }

    /// Runs `body` with a free connection, on that connection's thread. `body` may block.
    package func withConnection<T: Sendable>(_ body: @escaping @Sendable (RedisConnection) throws -> T) async throws -> T {
        try await pool.withConnection(body)
    }

    /// Runs `script` with `EVALSHA`, loading it first only if the server lacks it
    /// (see `RedisConnection.evaluate`).
    @discardableResult
    package func evaluate(_ script: RedisScript, keys: [RedisArgument] = [], arguments: [RedisArgument] = []) async throws -> RedisValue {
        try await withConnection { try $0.evaluate(script, keys: keys, arguments: arguments) }
    }

    /// The server's clock (`TIME`): the one clock every service of the platform agrees on.
    package func time() async throws -> RedisTime {
        try RedisTime(reply: try await send(["TIME"]))
    }

    /// Fails waiting and later calls with `.poolClosed`, closes every connection after its current
    /// job, and stops the threads. Idempotent.
    package func close() async {
        await pool.close { $0.close() }
    }
}
