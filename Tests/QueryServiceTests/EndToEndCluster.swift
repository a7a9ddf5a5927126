import Foundation
import Shared
import TestServers

/// The real deployment in miniature: one redis-server, a CommandService process, and two
/// QueryService processes, each with its own PostgreSQL database (migrated by the node itself),
/// relaying commands to the CommandService and sharing its session secret.
struct EndToEndCluster {
    let projection: ProjectionTestbed
    let commands: ServiceProcess
    let nodeA: ServiceProcess
    let nodeB: ServiceProcess

    var baseA: String { "http://127.0.0.1:\(nodeA.port)" }
    var baseB: String { "http://127.0.0.1:\(nodeB.port)" }

    static func start() async throws -> EndToEndCluster {
        let projection = try await ProjectionTestbed.make(migrate: false)
        let secondDatabase = try await ProjectionTestbed.setup.run {
            let postgres = try TestEnvironment.postgres()
            return postgres.connectionString(database: try postgres.createDatabase(prefix: "e2e"))
        }
        let redisPort = projection.redisServer.port
        let partitions = projection.layout.partitionCount
        let firstDatabase = projection.databaseURL
        return try await WebTestbed.clients.run {
            let commandPort = try FreePort.next()
            let commands = try ServiceProcess.start("CommandService", port: commandPort, arguments: [
                "--host", "127.0.0.1", "--port", "\(commandPort)", "--redis-port", "\(redisPort)", "--partitions", "\(partitions)",
                "--session-secret", WebTestbed.secret, "--log-level", "warning",
            ])
            func node(_ database: String) throws -> ServiceProcess {
                let port = try FreePort.next()
                return try ServiceProcess.start("QueryService", port: port, arguments: [
                    "--host", "127.0.0.1", "--port", "\(port)", "--database-url", database, "--redis-port", "\(redisPort)",
                    "--partitions", "\(partitions)", "--migrations-dir", ProjectionTestbed.migrations.path, "--log-level", "notice",
                    "--command-url", "http://127.0.0.1:\(commandPort)", "--session-secret", WebTestbed.secret,
                ])
            }
            return EndToEndCluster(projection: projection, commands: commands, nodeA: try node(firstDatabase), nodeB: try node(secondDatabase))
        }
    }

    /// Waits until a node answers `/ready` (migrations applied, projection caught up).
    static func waitUntilReady(_ base: String) async throws {
        for _ in 0..<300 {
            let status = try await WebTestbed.clients.run { try ExternalClient.curl(["-o", "/dev/null", "-w", "%{http_code}", "\(base)/ready"]) }
            if status == "200" { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestServerError("\(base) never became ready")
    }

    func stop() async {
        _ = nodeA.stop()
        _ = nodeB.stop()
        _ = commands.stop()
        await projection.close()
    }
}
