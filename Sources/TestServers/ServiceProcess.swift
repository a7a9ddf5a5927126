import Foundation

/// One of the project's own executables (CommandService, QueryService) run as a real process.
package final class ServiceProcess: Sendable {
    package let pid: pid_t
    package let port: Int
    /// The QueryService's gRPC port (a free one the start chose, unless the arguments named one).
    package let grpcPort: Int?
    package let log: URL

    /// The folder holding the built executables: the test bundle sits beside them.
    package static var productsFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Starts `name` with `arguments` and waits until `GET /health` answers on `port`.
    package static func start(_ name: String, port: Int, arguments: [String]) throws -> ServiceProcess {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("auction-\(name)-\(UUID().uuidString).log")
        let executable = productsFolder.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestServerError("\(executable) is not built; run `swift build` first")
        }
        var arguments = arguments
        var grpcPort: Int?
        if name == "QueryService" {
            // Every node gets its own gRPC port: the default (9081) would collide between nodes.
            if let index = arguments.firstIndex(of: "--grpc-port"), index + 1 < arguments.count {
                grpcPort = Int(arguments[index + 1])
            } else {
                let free = try FreePort.next()
                arguments += ["--grpc-port", String(free)]
                grpcPort = free
            }
        }
        let pid = try ChildProcess.start(executable, arguments, logFile: log)
        let process = ServiceProcess(pid: pid, port: port, grpcPort: grpcPort, log: log)
        try ChildProcess.waitUntil(timeout: 30, what: "\(name) on port \(port)") {
            (try? ExternalClient.curl(["-f", "http://127.0.0.1:\(port)/health"])) != nil
        }
        return process
    }

    private init(pid: pid_t, port: Int, grpcPort: Int?, log: URL) {
        self.pid = pid
        self.port = port
        self.grpcPort = grpcPort
        self.log = log
    }

    /// Sends `signal` and returns the exit status (128 + n when killed by signal n).
    package func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(pid, signal)
        return ChildProcess.wait(pid)
    }

    package var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}
