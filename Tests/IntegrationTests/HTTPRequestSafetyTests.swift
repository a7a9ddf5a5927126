import Foundation
import Shared
import Testing
import TestServers

/// Requests whose bytes a C string would silently cut: NUL inside a header value, NUL in the
/// decoded path. Each gets a 400 with the JSON error body and reaches no handler; sent as raw
/// bytes by `Tests/clients/raw_http.py`, since curl cannot put a NUL in a header.
///
/// Covered: the headers the server reads by name (`Idempotency-Key` and the other configured
/// extra headers). Not yet covered (issue 16, open): libwebsockets 4.1 itself drops a bare CR
/// inside a value, and cuts the headers it parses by token (Authorization, Cookie, ...) at a NUL
/// before the server sees them; a NUL inside a path other than at its end makes lws close the connection
/// without a response. Those need the raw request line and headers, which lws does not expose.
@Suite struct HTTPRequestSafetyTests {
    let clients = WorkerThread(name: "raw-http-clients")

    private func send(_ server: HTTPServer, _ head: String, header value: [UInt8] = []) async throws -> RawHTTPReply {
        let bytes = Array(head.utf8) + value + Array("\r\nConnection: close\r\n\r\n".utf8)
        return try await clients.run { try ExternalClient.rawHTTP(port: server.port, bytes) }
    }

    /// A header read by name with a NUL at its end or inside it.
    @Test(arguments: ["Idempotency-Key: key-1"])
    func aHeaderValueHoldingNULIsRefusedWith400(_ header: String) async throws {
        let server = try HTTPServerTests.makeServer()
        defer { server.stop() }
        for inserted: [UInt8] in [[0], [0] + Array("junk".utf8)] {
            let reply = try await send(server, "GET /items/42 HTTP/1.1\r\nHost: localhost\r\n\(header)", header: inserted)
            #expect(reply.status == 400, "\(header) + \(inserted): \(reply)")
            #expect(reply.body.contains(#""code":"bad_request""#), "\(header) + \(inserted): \(reply.body)")
        }
        // The same header without the stray byte is served.
        let clean = try await send(server, "GET /items/42 HTTP/1.1\r\nHost: localhost\r\n\(header)")
        #expect(clean.status == 200, "\(clean)")
    }

    /// Two keys that share a prefix before a NUL are not taken as the same key: the second is refused.
    @Test func idempotencyKeysDifferingAfterANULAreNotTheSameKey() async throws {
        let server = try HTTPServerTests.makeServer()
        defer { server.stop() }
        let plain = try await send(server, "GET /items/42 HTTP/1.1\r\nHost: localhost\r\nIdempotency-Key: shared")
        #expect(plain.body.contains("key=shared"))
        let cut = try await send(server, "GET /items/42 HTTP/1.1\r\nHost: localhost\r\nIdempotency-Key: shared", header: [0] + Array("other".utf8))
        #expect(cut.status == 400)
        #expect(!cut.body.contains("key=shared"))
    }

    /// A decoded path holding NUL, wherever the `%00` is, gets the JSON error (never a silent close).
    @Test(arguments: ["/items/%00", "/%00"])
    func aPathHoldingNULGetsTheJSONError(_ path: String) async throws {
        let server = try HTTPServerTests.makeServer()
        defer { server.stop() }
        let reply = try await send(server, "GET \(path) HTTP/1.1\r\nHost: localhost")
        #expect(reply.status == 400 || reply.status == 404, "\(path): \(reply)")
        #expect(reply.body.contains(#""code":"#), "\(path): \(reply.body)")
        // The server still answers.
        let after = try await send(server, "GET /hello HTTP/1.1\r\nHost: localhost")
        #expect(after.status == 200)
    }
}
