import Foundation
import Shared
import Testing
import TestServers

/// The relay from query nodes to the CommandService, against a real server on a free port.
@Suite struct CommandRelayTests {
    static func makeWriter() throws -> HTTPServer {
        var router = Router()
        router.post("/v1/auctions/{id}/bids") { request in
            let echo = """
            {"auction":"\(request.pathParameters["id"] ?? "")","auth":"\(request.header("authorization") ?? "")",\
            "key":"\(request.header("idempotency-key") ?? "")","body":\(request.bodyText ?? "null")}
            """
            return .json(Array(echo.utf8), status: 201)
        }
        router.post("/busy") { _ in
            APIError(status: 503, code: "lock_timeout", message: "busy").response.with(header: "Retry-After", "2")
        }
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        return try HTTPServer(configuration: configuration, router: router)
    }

    @Test func passesTokenKeyAndBodyThroughAndReturnsTheWritersAnswerUnchanged() async throws {
        let writer = try Self.makeWriter()
        defer { writer.stop() }
        let relay = CommandRelay(baseURLs: [URL(string: "http://127.0.0.1:\(writer.port)")!])
        let reply = await relay.post("/v1/auctions/a-1/bids", json: Array(#"{"maximum":1}"#.utf8), token: "tok", idempotencyKey: "k-1")
        #expect(reply.status == 201)
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(text == #"{"auction":"a-1","auth":"Bearer tok","key":"k-1","body":{"maximum":1}}"#)

        let busy = await relay.post("/busy", json: [], token: nil, idempotencyKey: nil)
        #expect(busy.status == 503)
        #expect(busy.retryAfter == "2")
    }

    @Test func failsOverToTheNextWriterWhenOneIsUnreachable() async throws {
        let writer = try Self.makeWriter()
        defer { writer.stop() }
        let dead = try FreePort.next()
        let relay = CommandRelay(baseURLs: [
            URL(string: "http://127.0.0.1:\(dead)")!, URL(string: "http://127.0.0.1:\(writer.port)")!,
        ], timeout: 30)  // the dead port refuses at once; the live writer may be slow on a loaded machine
        for index in 0..<4 {
            let reply = await relay.post("/v1/auctions/a-\(index)/bids", json: Array("{}".utf8), token: "t", idempotencyKey: "k\(index)")
            #expect(reply.status == 201)
        }
    }

    @Test func turnsAnUnreachableWriterIntoA503InTheErrorShape() async throws {
        let port = try FreePort.next()
        let relay = CommandRelay(baseURLs: [URL(string: "http://127.0.0.1:\(port)")!], timeout: 2)
        let reply = await relay.post("/v1/auctions/a-1/bids", json: [], token: "t", idempotencyKey: "k")
        #expect(reply.status == 503)
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(text.contains(#""code":"command_service_unavailable""#))
    }
}
