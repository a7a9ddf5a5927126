import Foundation
import Synchronization

/// The real servers shared by one test process: started on first use, stopped when it exits.
package enum TestEnvironment {
    private static let servers = Mutex<(redis: RedisServer?, postgres: PostgresServer?)>((nil, nil))

    /// The suite's redis-server. Tests isolate themselves with unique key names.
    package static func redis() throws -> RedisServer {
        try servers.withLock { servers in
            if let redis = servers.redis { return redis }
            let redis = try RedisServer.start()
            servers.redis = redis
            registerCleanup()
            return redis
        }
    }

    /// The suite's PostgreSQL. Tests isolate themselves with `createDatabase()`.
    package static func postgres() throws -> PostgresServer {
        try servers.withLock { servers in
            if let postgres = servers.postgres { return postgres }
            let postgres = try PostgresServer.start()
            servers.postgres = postgres
            registerCleanup()
            return postgres
        }
    }

    private static let cleanupRegistered = Mutex(false)

    private static func registerCleanup() {
        let first = cleanupRegistered.withLock { registered in
            defer { registered = true }
            return !registered
        }
        if first { atexit { TestEnvironment.stopAll() } }
    }

    /// Stops every server this process started.
    package static func stopAll() {
        let (redis, postgres) = servers.withLock { servers in
            defer { servers = (nil, nil) }
            return servers
        }
        redis?.stop()
        postgres?.stop()
    }
}
