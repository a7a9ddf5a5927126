/// A dedicated connection, on its own `WorkerThread`, for blocking `XREAD`s.
///
/// A blocking read holds its connection for up to the `BLOCK` time, so it must not borrow one from
/// a `RedisClient` pool (it would starve the commands that wake it up). Reads on one reader run one
/// at a time. A read in progress cannot be interrupted: `close()` takes effect when it returns,
/// which is why `block` should stay short (seconds).
package final class RedisStreamReader: Sendable {
    package let configuration: RedisConfiguration
    private let slot: ThreadConfined<RedisConnection?>

    /// Makes a reader; it connects on its first read. `configuration.poolSize` is not used.
    package init(configuration: RedisConfiguration, name: String = "redis-stream-reader") {
        self.configuration = configuration
        self.slot = ThreadConfined(nil, worker: WorkerThread(name: name))
    }

    deinit {
        // Lets the thread end; its connection is then freed (redisFree) with the ThreadConfined.
        slot.worker.stop()
    }

    /// Waits up to `block` for entries after the given positions
    /// (`XREAD [COUNT n] BLOCK ms STREAMS key... id...`); returns `[]` when none came.
    package func read(
        _ streams: [(key: String, after: RedisStreamEntryID)], count: Int? = nil, block: Duration
    ) async throws -> [RedisStreamBatch] {
        precondition(!streams.isEmpty, "XREAD needs at least one stream")
        precondition(block > .zero, "BLOCK 0 waits forever and could never be closed")
        let arguments = Self.arguments(streams, count: count, block: block)
        // The socket's read timeout must outlast BLOCK; otherwise every quiet period would end in a
        // `.timeout` and a reconnect instead of an empty reply.
        let readTimeout = block + configuration.readTimeout
        let configuration = self.configuration
        let reply = try await slot.withValue { connection in
            let open = try connection ?? RedisConnection(configuration: configuration)
            connection = open
            try open.setReadTimeout(readTimeout)
            return try open.command(arguments)
        }
        return try RedisStreamBatch.batches(fromXRead: reply)
    }

    private static func arguments(
        _ streams: [(key: String, after: RedisStreamEntryID)], count: Int?, block: Duration
    ) -> [RedisArgument] {
        var arguments: [RedisArgument] = ["XREAD"]
        if let count { arguments += ["COUNT", RedisArgument(count)] }
        let (seconds, attoseconds) = block.components
        arguments += ["BLOCK", RedisArgument(seconds * 1000 + attoseconds / 1_000_000_000_000_000), "STREAMS"]
        arguments += streams.map { RedisArgument($0.key) }
        arguments += streams.map { RedisArgument($0.after.description) }
        return arguments
    }

    /// Closes the connection after the read in progress, if any, and stops the thread. Idempotent.
    package func close() async {
        // Only throws WorkerThreadStoppedError, when an earlier close already stopped the thread.
        _ = try? await slot.withValue { connection in
            connection?.close()
            connection = nil
        }
        slot.worker.stop()
    }
}
