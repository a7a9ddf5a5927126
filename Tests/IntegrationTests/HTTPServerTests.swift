import Foundation
import Shared
import Synchronization
import Testing
import TestServers

/// The libwebsockets server against independent clients: curl for HTTP, Python `websockets` for WebSockets.
@Suite struct HTTPServerTests {
    static func makeRouter() -> Router {
        var router = Router()
        router.get("/hello") { _ in .text("hello") }
        router.get("/items/{id}") { request in
            .text("item=\(request.pathParameters["id"] ?? "") q=\(request.query["q"] ?? "-") key=\(request.header("idempotency-key") ?? "-")")
        }
        router.post("/echo") { request in
            HTTPResponse(status: 201, contentType: "application/octet-stream", body: request.body)
        }
        router.get("/slow") { _ in
            try? await Task.sleep(for: .seconds(6))
            return .text("slow")
        }
        router.get("/big") { _ in .text(String(repeating: "0123456789", count: 50_000)) }
        return router
    }

    static func makeServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }, webSockets: [String: any WebSocketHandler] = [:]) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.maxBodySize = 1024
        configure(&configuration)
        return try HTTPServer(configuration: configuration, router: makeRouter(), webSocketRoutes: webSockets)
    }

    let clients = WorkerThread(name: "test-clients")

    @Test func answersCurlWithStatusHeadersAndBodyOverKeepAlive() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let output = try await clients.run {
            try ExternalClient.curl(["-v", "\(base)/hello", "\(base)/items/42?q=a%20b&x=1", "-H", "Idempotency-Key: abc-1"])
        }
        #expect(output.contains("HTTP/1.1 200"))
        #expect(output.contains("hello"))
        #expect(output.contains("item=42 q=a b key=abc-1"))
        #expect(output.lowercased().contains("content-length: 5"))
        #expect(output.contains("Re-using existing connection") || output.contains("Reusing existing connection"))
    }

    @Test func routesUnknownPathsTo404AndWrongMethodsTo405InTheErrorShape() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let notFound = try await clients.run { try ExternalClient.curl(["-i", "\(base)/nope"]) }
        #expect(notFound.hasPrefix("HTTP/1.1 404"))
        #expect(notFound.contains(#"{"error":{"code":"not_found""#))
        let wrongMethod = try await clients.run { try ExternalClient.curl(["-i", "-X", "POST", "\(base)/hello"]) }
        #expect(wrongMethod.hasPrefix("HTTP/1.1 405"))
        #expect(wrongMethod.lowercased().contains("allow: get"))
    }

    @Test func echoesARequestBodyAndRefusesOneOverTheLimitWith413() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let echoed = try await clients.run { try ExternalClient.curl(["-i", "--data-binary", "abc\u{1}def", "\(base)/echo"]) }
        #expect(echoed.hasPrefix("HTTP/1.1 201"))
        #expect(echoed.hasSuffix("abc\u{1}def"))
        let big = String(repeating: "x", count: 5000)
        let refused = try await clients.run { try ExternalClient.curl(["-i", "--data-binary", big, "\(base)/echo"]) }
        #expect(refused.hasPrefix("HTTP/1.1 413"))
        #expect(refused.contains("payload_too_large"))
        // The server is unharmed.
        let after = try await clients.run { try ExternalClient.curl(["\(base)/hello"]) }
        #expect(after == "hello")
    }

    @Test func refusesAChunkedBodyWith411AndAPathHoldingNULWith400() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let chunked = try await clients.run {
            try ExternalClient.curl(["-i", "-H", "Transfer-Encoding: chunked", "--data-binary", "abc", "\(base)/echo"])
        }
        #expect(chunked.hasPrefix("HTTP/1.1 411"))
        #expect(chunked.contains("length_required"))
        // A NUL may not cut a path short into another route: 400, or lws drops the connection
        // (a trailing `%00` lws itself drops, leaving `/items/`, which no route matches).
        for path in ["/items/a%00b", "/hello%00", "/items/%00"] {
            let reply = try? await clients.run { try ExternalClient.curl(["-i", "\(base)\(path)"]) }
            #expect(reply.map { $0.hasPrefix("HTTP/1.1 400") || $0.hasPrefix("HTTP/1.1 404") } ?? true, "\(path): \(reply ?? "")")
        }
        let after = try await clients.run { try ExternalClient.curl(["\(base)/items/a%20b"]) }
        #expect(after.hasPrefix("item=a b"))
    }

    /// lws gives each keep-alive transaction fresh per-session memory without a close callback;
    /// the server used to keep one state per request that way (a leak the soak found).
    @Test func manyRequestsOnOneKeptAliveConnectionLeaveOneConnectionState() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/hello"
        let output = try await clients.run { try ExternalClient.curl(Array(repeating: url, count: 200)) }
        #expect(output == String(repeating: "hello", count: 200))
        #expect(server.trackedConnections <= 1, "\(server.trackedConnections) connection states for one connection")
    }

    @Test func writesALargeBodyCompletely() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let body = try await clients.run { try ExternalClient.curl(["http://127.0.0.1:\(server.port)/big"]) }
        #expect(body.utf8.count == 500_000)
        #expect(body.hasSuffix("0123456789"))
    }

    @Test func keepsAnsweringWhileAHandlerIsSlow() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let slowClient = WorkerThread(name: "slow-client")
        let slowFinished = Mutex(false)
        async let slow = slowClient.run {
            defer { slowFinished.withLock { $0 = true } }
            return try ExternalClient.curl(["\(base)/slow"])
        }
        try await Task.sleep(for: .milliseconds(300))
        let fast = try await clients.run { try ExternalClient.curl(["\(base)/hello"]) }
        #expect(fast == "hello")
        // The slow handler sleeps 6 s; the fast answer must come while it is still pending.
        #expect(!slowFinished.withLock { $0 })
        #expect(try await slow == "slow")
    }

    @Test func refusesMalformedRequestLinesWithoutHarmingOthers() async throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        let reply = try await clients.run { () throws -> String in
            try ChildProcess.run("/bin/bash", ["-c", "printf 'GARBAGE \\x01\\x02 nonsense\\r\\n\\r\\n' | timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/\(server.port); cat >&3; cat <&3' || true"])
        }
        #expect(!reply.contains("200 OK"))
        let after = try await clients.run { try ExternalClient.curl(["http://127.0.0.1:\(server.port)/hello"]) }
        #expect(after == "hello")
    }

    @Test func reportsAPortInUseClearly() throws {
        let server = try Self.makeServer()
        defer { server.stop() }
        #expect(throws: HTTPServerError.self) { try Self.makeServer { $0.port = server.port } }
    }
}
