import CHiredis
import Foundation

/// One hiredis connection: owns a `redisContext*` and speaks Swift.
///
/// Every call blocks, so a connection lives on one `WorkerThread` (see `RedisClient`); it is not
/// `Sendable` because a hiredis context must never be used from two threads at once.
///
/// Reconnection: hiredis says that once `c->err` is set "the context cannot be reused and you
/// should set up a new connection". The call that meets an I/O error (server gone, `CLIENT KILL`,
/// read timeout) throws and marks the connection broken; the next call opens a fresh context
/// before sending. A lost call is never retried silently: it may not be idempotent (`INCR`, `XADD`).
package final class RedisConnection {
    private var context: UnsafeMutablePointer<redisContext>?
    private var isBroken = false
    private var isClosed = false
    private let configuration: RedisConfiguration
    private var readTimeout: Duration

    /// Connects now; throws `.connection` or `.timeout` when the server cannot be reached.
    package init(configuration: RedisConfiguration) throws {
        self.configuration = configuration
        self.readTimeout = configuration.readTimeout
        context = try Self.connect(configuration, readTimeout: readTimeout)
    }

    deinit {
        // "redisFree: disconnects and frees the context" - also a context whose err is set.
        if let context { redisFree(context) }
    }

    /// Closes the connection. Idempotent; later calls throw a `.connection` error.
    package func close() {
        if let context { redisFree(context) }
        context = nil
        isClosed = true
    }

    /// Whether the connection is open and no I/O error has been seen on it.
    package var isConnected: Bool { context != nil && !isBroken }

    /// Sends one command and waits for its reply. An error reply is thrown as a `.server` error.
    @discardableResult
    package func command(_ arguments: [RedisArgument]) throws -> RedisValue {
        let context = try usableContext()
        let reply: RedisValue
        do { reply = try Self.exchange(context, arguments) } catch {
            isBroken = true
            throw error
        }
        if case .error(let message) = reply { throw RedisError.fromErrorReply(message) }
        return reply
    }

    /// Sends one command and waits for its reply; see `command(_:)`.
    @discardableResult
    package func command(_ arguments: RedisArgument...) throws -> RedisValue { try command(arguments) }

    /// Sends all `commands` in one write and reads their replies, in order, in one round trip.
    ///
    /// Error replies are returned as `.error` values, so that each command's outcome is visible.
    /// An I/O error throws (replies already read are lost) and marks the connection broken.
    package func pipeline(_ commands: [[RedisArgument]]) throws -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        let context = try usableContext()
        for arguments in commands {
            // "redisAppendCommandArgv: only writes the command to the output buffer"; nothing is sent yet.
            let (status, code) = RedisArgument.withArgv(arguments) { (redisAppendCommandArgv(context, $0, $1, $2), errno) }
            guard status == REDIS_OK else { throw broken(context, errno: code) }
        }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            // "redisGetReply: the first call flushes the output buffer, then blocks until a reply is
            // read." The reply belongs to the caller: "it should be freed with freeReplyObject".
            var raw: UnsafeMutableRawPointer?
            let status = redisGetReply(context, &raw)
            let code = errno
            guard status == REDIS_OK, let raw else { throw broken(context, errno: code) }
            defer { freeReplyObject(raw) }
            do { replies.append(try RedisValue(reply: raw.assumingMemoryBound(to: redisReply.self))) } catch {
                isBroken = true
                throw error
            }
        }
        return replies
    }

    /// Changes how long a reply may take from now on (and after reconnects); `.zero` means no limit.
    package func setReadTimeout(_ timeout: Duration) throws {
        guard timeout != readTimeout else { return }
        readTimeout = timeout
        guard let context, !isBroken else { return }
        guard redisSetTimeout(context, Self.timeValue(timeout)) == REDIS_OK else { throw broken(context, errno: errno) }
    }

    /// The open context, after a fresh connect if the previous one broke.
    private func usableContext() throws -> UnsafeMutablePointer<redisContext> {
        guard !isClosed else { throw RedisError(code: .connection, message: "the connection is closed") }
        if let context, !isBroken { return context }
        if let context { redisFree(context) }
        context = nil
        let fresh = try Self.connect(configuration, readTimeout: readTimeout)
        context = fresh
        isBroken = false
        return fresh
    }

    private func broken(_ context: UnsafeMutablePointer<redisContext>, errno: Int32) -> RedisError {
        isBroken = true
        return RedisError.fromContext(context, errno: errno)
    }

    /// One blocking command on `context`; any thrown error leaves the context unusable.
    private static func exchange(_ context: UnsafeMutablePointer<redisContext>, _ arguments: [RedisArgument]) throws -> RedisValue {
        // "redisCommandArgv: the return value is a reply object the caller must free with
        // freeReplyObject, or NULL when an error occurred (c->err is set)".
        let (raw, code) = RedisArgument.withArgv(arguments) { (redisCommandArgv(context, $0, $1, $2), errno) }
        guard let raw else { throw RedisError.fromContext(context, errno: code) }
        defer { freeReplyObject(raw) }
        return try RedisValue(reply: raw.assumingMemoryBound(to: redisReply.self))
    }

    private static func connect(_ configuration: RedisConfiguration, readTimeout: Duration) throws -> UnsafeMutablePointer<redisContext> {
        // hiredis 0.14 polls the connect for exactly the given time, so a zero timeout would always
        // fail: no connect timeout is then asked for at all.
        let connected = configuration.connectTimeout > .zero
            ? redisConnectWithTimeout(configuration.host, Int32(configuration.port), timeValue(configuration.connectTimeout))
            : redisConnect(configuration.host, Int32(configuration.port))
        let code = errno
        // "redisConnect* returns a context even when the connection failed (c->err is set); it must
        // be freed with redisFree." NULL only means that the context could not be allocated.
        guard let context = connected else { throw RedisError.fromContext(nil, errno: code) }
        do {
            guard context.pointee.err == 0 else { throw RedisError.fromContext(context, errno: code) }
            guard redisSetTimeout(context, timeValue(readTimeout)) == REDIS_OK else {
                throw RedisError.fromContext(context, errno: errno)
            }
            if let name = configuration.clientName {
                let reply = try exchange(context, ["CLIENT", "SETNAME", RedisArgument(name)])
                if case .error(let message) = reply { throw RedisError.fromErrorReply(message) }
            }
        } catch {
            redisFree(context)
            throw error
        }
        return context
    }

    private static func timeValue(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
