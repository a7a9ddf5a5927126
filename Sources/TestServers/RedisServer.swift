import Foundation

/// A real `redis-server` on a free loopback port with its data in a temporary folder.
package final class RedisServer: Sendable {
    package let port: Int
    package let directory: URL
    private let pid: pid_t

    package static func start() throws -> RedisServer {
        let port = try FreePort.next()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auction-test-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pid = try ChildProcess.start(
            try ChildProcess.find("redis-server"),
            ["--port", "\(port)", "--bind", "127.0.0.1", "--dir", directory.path, "--save", "",
             "--appendonly", "no", "--maxmemory-policy", "noeviction"],
            logFile: directory.appendingPathComponent("redis.log"))
        let server = RedisServer(port: port, directory: directory, pid: pid)
        let cli = try ChildProcess.find("redis-cli")
        try ChildProcess.waitUntil(timeout: 30, what: "redis-server on port \(port)") {
            (try? ChildProcess.run(cli, ["-p", "\(port)", "ping"]))?.contains("PONG") ?? false
        }
        return server
    }

    private init(port: Int, directory: URL, pid: pid_t) {
        self.port = port
        self.directory = directory
        self.pid = pid
    }

    package func stop() {
        ChildProcess.stop(pid)
        try? FileManager.default.removeItem(at: directory)
    }
}
