import Foundation
import Shared
import Synchronization
import Testing
import TestServers

/// Echoes every message back.
struct EchoHandler: WebSocketHandler {
    func connected(_ connection: WebSocketConnection) async {}
    func received(_ message: WebSocketMessage, from connection: WebSocketConnection) async {
        if case .text(let text) = message { connection.send(text: "echo: \(text)") }
    }
    func disconnected(_ connection: WebSocketConnection) async {}
}

/// Remembers open connections so a test can push frames to them from another thread.
final class RegistryHandler: WebSocketHandler {
    let open = Mutex<[UInt64: WebSocketConnection]>([:])
    func connected(_ connection: WebSocketConnection) async { open.withLock { $0[connection.id] = connection } }
    func received(_ message: WebSocketMessage, from connection: WebSocketConnection) async {}
    func disconnected(_ connection: WebSocketConnection) async { _ = open.withLock { $0.removeValue(forKey: connection.id) } }
    var count: Int { open.withLock { $0.count } }
    var all: [WebSocketConnection] { open.withLock { Array($0.values) } }
}

@Suite struct WebSocketServerTests {
    let clients = WorkerThread(name: "ws-test-clients")

    @Test func servesHTTPAndAWebSocketEchoOnOnePortWithoutCompression() async throws {
        let server = try HTTPServerTests.makeServer(webSockets: ["/ws": EchoHandler()])
        defer { server.stop() }
        let lines = try await clients.run { try ExternalClient.webSocket(["echo", "ws://127.0.0.1:\(server.port)/ws", "héllo"]) }
        #expect(lines.first?.reply == "echo: héllo")
        // permessage-deflate is off (HTTPServerConfiguration.permessageDeflate explains why).
        #expect((lines.first?.extensions) == [])
        let http = try await clients.run { try ExternalClient.curl(["http://127.0.0.1:\(server.port)/hello"]) }
        #expect(http == "hello")
    }

    @Test func refusesUpgradesOnOtherPathsAndFromForeignOrigins() async throws {
        let server = try HTTPServerTests.makeServer({ $0.allowOrigin = { $0 == nil || $0 == "http://good.example" } },
                                                    webSockets: ["/ws": EchoHandler()])
        defer { server.stop() }
        let url = "ws://127.0.0.1:\(server.port)"
        let wrongPath = try await clients.run { try ExternalClient.webSocket(["origin", "\(url)/other", "http://good.example"]) }
        let wrongPathStatus = wrongPath.first?.status ?? ""
        #expect(wrongPathStatus.contains("101") == false, "status: \(wrongPathStatus)")
        let foreign = try await clients.run { try ExternalClient.webSocket(["origin", "\(url)/ws", "http://evil.example"]) }
        let foreignStatus = foreign.first?.status ?? ""
        #expect(foreignStatus.contains("101") == false, "status: \(foreignStatus)")
        let good = try await clients.run { try ExternalClient.webSocket(["origin", "\(url)/ws", "http://good.example"]) }
        let goodStatus = good.first?.status ?? ""
        #expect(goodStatus.contains("101"), "status: \(goodStatus)")
    }

    @Test func closesOnInvalidUTF8With1007AndOnOversizedMessagesWith1009() async throws {
        let server = try HTTPServerTests.makeServer({ $0.maxWebSocketMessageSize = 1000 }, webSockets: ["/ws": EchoHandler()])
        defer { server.stop() }
        let url = "ws://127.0.0.1:\(server.port)/ws"
        let invalid = try await clients.run { try ExternalClient.webSocket(["raw-frame", url, "c328ff"]) }
        #expect(invalid.first?.code == 1007)
        let tooBig = try await clients.run { try ExternalClient.webSocket(["too-big", url, "5000"]) }
        #expect(tooBig.first?.code == 1009)
        // Other connections are undisturbed.
        let echo = try await clients.run { try ExternalClient.webSocket(["echo", url, "still here"]) }
        #expect(echo.first?.reply == "echo: still here")
    }

    @Test func holdsAThousandConnectionsAndPushesAFrameToEachFromAnotherThread() async throws {
        let registry = RegistryHandler()
        let server = try HTTPServerTests.makeServer(webSockets: ["/live": registry])
        defer { server.stop() }
        let client = try ExternalClient.startWebSocket(["many", "ws://127.0.0.1:\(server.port)/live", "1000"])
        defer { kill(client.pid, SIGKILL) }
        try await clients.run {
            try ChildProcess.waitUntil(timeout: 120, what: "1000 WebSocket connections") { registry.count == 1000 }
        }
        let frame = WebSocketFrame(text: "pushed")
        // Push from a plain thread, not the service thread and not a task.
        let results = try await WorkerThread(name: "pusher").run { registry.all.map { $0.send(frame) } }
        #expect(results.allSatisfy { $0 == .queued })
        try await clients.run {
            try ChildProcess.waitUntil(timeout: 60, what: "frames at the client") {
                ExternalClient.jsonLines(of: client.log).contains { $0.received != nil }
            }
        }
        let summary = ExternalClient.jsonLines(of: client.log).first { $0.received != nil }
        #expect(summary?.received == 1000)
        #expect(summary?.distinct == ["pushed"])
    }

    @Test func closesWebSocketsWith1001OnGracefulStop() async throws {
        let registry = RegistryHandler()
        let server = try HTTPServerTests.makeServer(webSockets: ["/live": registry])
        let client = try ExternalClient.startWebSocket(["wait-close", "ws://127.0.0.1:\(server.port)/live"])
        try await clients.run { try ChildProcess.waitUntil(timeout: 20, what: "connection") { registry.count == 1 } }
        try await WorkerThread(name: "stopper").run { server.stop() }
        _ = try await clients.run { ChildProcess.wait(client.pid) }
        let result = ExternalClient.jsonLines(of: client.log).first { $0.code != nil }
        #expect(result?.code == 1001)
    }

    @Test func closesASlowConsumerWith1013WhenItsBoundedQueueOverflows() async throws {
        let registry = RegistryHandler()
        let server = try HTTPServerTests.makeServer({ $0.maxQueuedFrames = 4 }, webSockets: ["/live": registry])
        defer { server.stop() }
        // A client that reads nothing (a 4 KiB receive window) until told to: once the kernel's
        // buffers are full, frames stay in the bounded queue, however fast the service thread is.
        let client = try ExternalClient.startWebSocket(["stall", "ws://127.0.0.1:\(server.port)/live"])
        defer { kill(client.pid, SIGKILL) }
        try await clients.run { try ChildProcess.waitUntil(timeout: 20, what: "connection") { registry.count == 1 } }
        let connection = try #require(registry.all.first)
        let payload = String(repeating: "x", count: 64 * 1024)
        var results: [WebSocketSendResult] = []
        // Far more than loopback's socket buffers hold: the queue must overflow before the end.
        while results.count < 2_000, results.last != .overflowed {
            results.append(connection.send(WebSocketFrame(text: payload)))
            if results.last == .queued, results.count % 16 == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(results.last == .overflowed)
        #expect(results.dropLast().allSatisfy { $0 == .queued })
        #expect(connection.send(text: "after") == .closed)
        // Once the client reads again it gets what the kernel held, then the close with 1013.
        kill(client.pid, SIGUSR1)
        _ = try await clients.run { ChildProcess.wait(client.pid) }
        let result = ExternalClient.jsonLines(of: client.log).first { $0.frames != nil }
        #expect(result?.code == 1013)
        #expect((result?.frames ?? .max) < results.count)
    }
}
