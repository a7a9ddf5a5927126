import Foundation
import Shared
import Testing
import TestServers

/// The two executables as real processes: flags, /health, and a clean exit on SIGTERM or SIGINT.
@Suite struct ServiceProcessTests {
    let clients = WorkerThread(name: "service-process-tests")

    @Test(arguments: [("CommandService", SIGTERM), ("QueryService", SIGINT)])
    func startsAnswersHealthAndStopsCleanlyOnASignal(name: String, signal: Int32) async throws {
        let port = try FreePort.next()
        let service = try await clients.run { try ServiceProcess.start(name, port: port, arguments: ["--port", "\(port)", "--host", "127.0.0.1"]) }
        let health = try await clients.run { try ExternalClient.curl(["-i", "http://127.0.0.1:\(port)/health"]) }
        #expect(health.hasPrefix("HTTP/1.1 200"))
        #expect(health.contains(#""status":"ok""#))
        let status = try await clients.run { service.stop(signal: signal) }
        #expect(status == 0, "exit status \(status); log: \(service.output)")
        #expect(service.output.contains("stopped"))
    }

    @Test func refusesToStartOnAPortInUseWithAClearMessage() async throws {
        let port = try FreePort.next()
        let first = try await clients.run { try ServiceProcess.start("CommandService", port: port, arguments: ["--port", "\(port)"]) }
        defer { _ = first.stop() }
        let executable = ServiceProcess.productsFolder.appendingPathComponent("CommandService").path
        let output = try await clients.run { () -> String in
            do { return try ChildProcess.run(executable, ["--port", "\(port)"]) } catch { return "\(error)" }
        }
        #expect(output.contains("already in use"))
    }
}
