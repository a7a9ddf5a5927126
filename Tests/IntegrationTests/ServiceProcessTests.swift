import Foundation
import Shared
import Testing
import TestServers

/// The two executables as real processes: flags, /health, and a clean exit on SIGTERM or SIGINT.
@Suite struct ServiceProcessTests {
    let clients = WorkerThread(name: "service-process-tests")

    /// What each service needs besides its port: its real dependencies and the shared secret.
    static func dependencies(of name: String) throws -> [String] {
        let redis = try TestEnvironment.redis()
        var arguments = ["--redis-port", "\(redis.port)", "--session-secret", "service-process-tests-secret"]
        if name == "QueryService" {
            let postgres = try TestEnvironment.postgres()
            arguments += ["--database-url", postgres.connectionString(database: try postgres.createDatabase(prefix: "sp"))]
        }
        return arguments
    }

    @Test(arguments: [("CommandService", SIGTERM), ("QueryService", SIGINT)])
    func startsAnswersHealthAndStopsCleanlyOnASignal(name: String, signal: Int32) async throws {
        let port = try FreePort.next()
        let arguments = ["--port", "\(port)", "--host", "127.0.0.1"] + (try Self.dependencies(of: name))
        let service = try await clients.run { try ServiceProcess.start(name, port: port, arguments: arguments) }
        let health = try await clients.run { try ExternalClient.curl(["-i", "http://127.0.0.1:\(port)/health"]) }
        #expect(health.hasPrefix("HTTP/1.1 200"))
        #expect(health.contains(#""status":"ok""#))
        let status = try await clients.run { service.stop(signal: signal) }
        #expect(status == 0, "exit status \(status); log: \(service.output)")
        #expect(service.output.contains("stopped"))
    }

    @Test func refusesToStartOnAPortInUseWithAClearMessage() async throws {
        let port = try FreePort.next()
        let arguments = ["--port", "\(port)"] + (try Self.dependencies(of: "CommandService"))
        let first = try await clients.run { try ServiceProcess.start("CommandService", port: port, arguments: arguments) }
        defer { _ = first.stop() }
        let executable = ServiceProcess.productsFolder.appendingPathComponent("CommandService").path
        let output = try await clients.run { () -> String in
            do { return try ChildProcess.run(executable, arguments) } catch { return "\(error)" }
        }
        #expect(output.contains("already in use"))
    }
}
