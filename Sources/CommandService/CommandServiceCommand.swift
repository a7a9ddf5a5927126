import ArgumentParser
import Foundation
import Logging
import Shared

/// The writer: decides commands under per-auction Redis leases and appends events to Redis Streams.
@main
struct CommandServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "CommandService", abstract: "Accepts auction commands over HTTP and appends their events to Redis Streams.")

    @Option(help: "Address to listen on (env COMMAND_HOST).")
    var host = EnvironmentDefault.string("COMMAND_HOST", "0.0.0.0")

    @Option(help: "HTTP port; 0 picks a free one (env COMMAND_PORT).")
    var port = EnvironmentDefault.int("COMMAND_PORT", 8080)

    @Option(help: "Redis host (env REDIS_HOST).")
    var redisHost = EnvironmentDefault.string("REDIS_HOST", "127.0.0.1")

    @Option(help: "Redis port (env REDIS_PORT).")
    var redisPort = EnvironmentDefault.int("REDIS_PORT", 6379)

    @Option(help: "Redis connections (env REDIS_POOL_SIZE).")
    var redisPoolSize = EnvironmentDefault.int("REDIS_POOL_SIZE", 16)

    @Option(help: "Auction partitions; fixed for a data set, checked against auction:meta (env PARTITIONS).")
    var partitions = EnvironmentDefault.int("PARTITIONS", EventStreamLayout.defaultPartitionCount)

    @Option(help: "Secret shared with the QueryServices for session tokens, 16+ bytes (env SESSION_SECRET).")
    var sessionSecret = EnvironmentDefault.string("SESSION_SECRET", "")

    @Option(help: "Session lifetime in seconds (env SESSION_TTL_SECONDS).")
    var sessionTTLSeconds = EnvironmentDefault.int("SESSION_TTL_SECONDS", 86_400)

    @Option(help: "Auction lock lease in milliseconds (env LOCK_LEASE_MS).")
    var lockLeaseMs = EnvironmentDefault.int("LOCK_LEASE_MS", 5_000)

    @Option(help: "How long a command waits for a busy auction lock, in milliseconds (env LOCK_WAIT_MS).")
    var lockWaitMs = EnvironmentDefault.int("LOCK_WAIT_MS", 3_000)

    @Option(help: "How long an auction's lease is kept without commands before it is handed back, in milliseconds; at most a quarter of the lease is used (env LEASE_IDLE_MS).")
    var leaseIdleMs = EnvironmentDefault.int("LEASE_IDLE_MS", 200)

    @Option(help: "How often the closer looks for ended auctions, in milliseconds (env CLOSER_INTERVAL_MS).")
    var closerIntervalMs = EnvironmentDefault.int("CLOSER_INTERVAL_MS", 200)

    @Option(help: ArgumentHelp("Fault injection for fencing tests: pause between deciding and committing.", visibility: .hidden))
    var pauseBeforeCommitMs = 0

    @OptionGroup(title: "Log-in throttling")
    var loginThrottle: LoginThrottleOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel = EnvironmentDefault.string("LOG_LEVEL", "info")

    func validate() throws {
        guard (1...1024).contains(partitions) else { throw ValidationError("--partitions must be 1...1024") }
        guard sessionSecret.utf8.count >= 16 else { throw ValidationError("--session-secret (SESSION_SECRET) must be at least 16 bytes") }
        guard lockLeaseMs >= 100, lockWaitMs >= 0, leaseIdleMs >= 1, closerIntervalMs >= 10, redisPoolSize >= 1, sessionTTLSeconds >= 60 else {
            throw ValidationError("lease >= 100 ms, wait >= 0, lease idle >= 1 ms, closer interval >= 10 ms, pool >= 1, session TTL >= 60 s")
        }
    }

    func run() throws {
        _ = LoggingSetup.bootstrap(level: logLevel)
        ServiceMetrics.bootstrapProcess()
        let logger = Logger(label: "command-service")
        let settings = self.settings
        let runtime = try BlockingAwait.run { try await CommandServiceRuntime.start(settings, logger: logger) }
        logger.info("listening", metadata: ["port": "\(runtime.server.port)", "partitions": "\(partitions)"])
        let signal = ShutdownSignal.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        runtime.server.stop()
        try BlockingAwait.run { await runtime.stop() }
        logger.info("stopped")
    }

    private var settings: CommandServiceSettings {
        var settings = CommandServiceSettings()
        settings.host = host
        settings.port = port
        settings.redis = RedisConfiguration(host: redisHost, port: redisPort, poolSize: redisPoolSize, clientName: "command-service")
        settings.partitionCount = partitions
        settings.sessionSecret = sessionSecret
        settings.sessionLifetimeSeconds = Int64(sessionTTLSeconds)
        settings.lock.leaseMilliseconds = Int64(lockLeaseMs)
        settings.lock.waitMilliseconds = Int64(lockWaitMs)
        settings.lock.idleReleaseMilliseconds = Int64(leaseIdleMs)
        settings.closerPollInterval = .milliseconds(closerIntervalMs)
        settings.pauseBeforeCommit = .milliseconds(pauseBeforeCommitMs)
        settings.loginThrottle = loginThrottle.policy
        settings.trustedProxies = loginThrottle.trustedProxies
        return settings
    }
}
