import Foundation
import Shared
import Testing
import TestServers

/// The log-in form of a real QueryService node in front of a real CommandService: after too many
/// failures the form says how long to wait, in words, instead of the writer's raw error; the node
/// forwards the browser's own address, never one the browser made up.
@Suite struct LoginFormThrottleTests {
    @Test func theLogInFormSaysHowLongToWaitAfterTooManyFailures() async throws {
        let flags = ["--login-account-failures", "1", "--trusted-proxy", "127.0.0.1"]
        try await CommandProcesses.with([flags]) { service in
            let node = try await Self.startNode(service)
            defer { _ = node.stop() }
            let base = "http://127.0.0.1:\(node.port)"
            let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path
            func browse(_ arguments: [String]) async throws -> String {
                // The node must send the browser's real address, not what the browser claims.
                let all = ["-c", jar, "-b", jar, "-H", "Origin: \(base)", "-H", "X-Forwarded-For: 10.9.9.9"] + arguments
                return try await WorkerThread.blocking { try ExternalClient.curl(all) }
            }
            let form = try await browse(["\(base)/login"])
            let csrf = try #require(form.components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.split(separator: "\"").first)
            let post = ["-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "--data", "username=Zed&password=wrong-password&next=%2F&csrf=\(csrf)",
                        "\(base)/login"]
            #expect(try await browse(post) == "303")
            let first = try await browse(["\(base)/login"])
            #expect(first.contains("The display name or password is wrong."))
            #expect(try await browse(post) == "303")
            let throttled = try await browse(["\(base)/login"])
            #expect(throttled.contains("Too many failed log-in attempts. Please wait 15 minutes before trying again."))

            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let keys = try await redis.send("KEYS", "throttle:{login}:address:*").array?.compactMap(\.string)
            await redis.close()
            #expect(keys == ["throttle:{login}:address:127.0.0.1"])
        }
    }

    /// A QueryService node on its own database, relaying to instance 0.
    static func startNode(_ service: CommandProcesses) async throws -> ServiceProcess {
        let root = URL(fileURLWithPath: ExternalClient.webSocketScript()).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let redisPort = service.redis.port
        let commandURL = service.url(0, "")
        return try await WorkerThread.blocking {
            let postgres = try TestEnvironment.postgres()
            let database = postgres.connectionString(database: try postgres.createDatabase(prefix: "form"))
            let port = try FreePort.next()
            return try ServiceProcess.start("QueryService", port: port, arguments: [
                "--host", "127.0.0.1", "--port", "\(port)", "--database-url", database, "--redis-port", "\(redisPort)",
                "--migrations-dir", root.appendingPathComponent("migrations").path, "--log-level", "warning",
                "--command-url", commandURL, "--session-secret", CommandProcesses.secret,
            ])
        }
    }
}
