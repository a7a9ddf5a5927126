import Foundation
import Shared
import TestServers

/// Helpers shared by the Redis integration tests.
enum RedisTestSupport {
    /// A private redis-server, started off the cooperative pool: its start waits in a blocking
    /// loop, and a pool thread blocked there (two of them on a 2-core machine) stalls every other
    /// test of the run.
    static func privateServer() async throws -> RedisServer {
        let thread = WorkerThread(name: "redis-start")
        defer { thread.stop() }
        return try await thread.run { try RedisServer.start() }
    }

    /// A key no other test uses.
    static func key(_ name: String) -> String { "test:\(name):\(UUID().uuidString)" }

    /// A configuration for the suite's shared redis-server.
    static func configuration(poolSize: Int = 2, readTimeout: Duration = .seconds(5), clientName: String? = nil) throws -> RedisConfiguration {
        try configuration(port: TestEnvironment.redis().port, poolSize: poolSize, readTimeout: readTimeout, clientName: clientName)
    }

    static func configuration(
        port: Int, poolSize: Int = 2, readTimeout: Duration = .seconds(5), clientName: String? = nil
    ) -> RedisConfiguration {
        RedisConfiguration(
            port: port, connectTimeout: .milliseconds(500), readTimeout: readTimeout, poolSize: poolSize, clientName: clientName)
    }

    /// A field of `INFO`'s text, such as `total_reads_processed` or `cmdstat_evalsha`.
    static func info(_ text: String, _ field: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix(field + ":") {
            return String(line.dropFirst(field.count + 1))
        }
        return nil
    }

    /// `calls=N` of a `cmdstat_...` line of `INFO commandstats`, 0 when the command never ran.
    static func calls(_ commandStats: String, _ command: String) -> Int {
        guard let line = info(commandStats, "cmdstat_\(command)") else { return 0 }
        let calls = line.split(separator: ",").first { $0.hasPrefix("calls=") }
        return calls.flatMap { Int($0.dropFirst("calls=".count)) } ?? -1
    }
}
