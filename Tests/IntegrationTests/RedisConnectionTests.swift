import Foundation
import Shared
import Testing
import TestServers

/// `RedisConnection` and reply decoding against a real redis-server.
@Suite struct RedisConnectionTests {
    static let awkwardValues: [[UInt8]] = [
        [0, 13, 10, 0, 255, 0xC3, 0x28, 0x24, 0x2A, 0],
        Array("$3\r\nfoo\r\n*1\r\n".utf8),
        [],
        (0...255).map { UInt8($0) },
    ]

    @Test(arguments: awkwardValues)
    func roundTripsBinaryValuesAndKeysThroughSetAndGet(value: [UInt8]) async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration())
        let key = RedisArgument(Array(RedisTestSupport.key("binary").utf8) + [0, 13, 10, 0xFF])
        #expect(try await client.send(["SET", key, RedisArgument(value)]) == .status("OK"))
        #expect(try await client.send(["GET", key]) == .bulk(value))
        #expect(try await client.send(["STRLEN", key]) == .integer(Int64(value.count)))
        await client.close()
    }

    @Test func decodesIntegerStatusNilAndNestedArrayReplies() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration())
        let key = RedisTestSupport.key("decode")
        #expect(try await client.send(["PING"]) == .status("PONG"))
        #expect(try await client.send(["INCRBY", "\(key)", 41]) == .integer(41))
        #expect(try await client.send(["GET", "\(key)"]).int == 41)
        #expect(try await client.send(["GET", "\(key):missing"]) == .null)
        // A nil array (*-1): BLPOP's reply when it times out.
        #expect(try await client.send(["BLPOP", "\(key):empty", "0.01"]) == .null)
        let nested = try await client.send(["EVAL", "return {1, 'a', {2, false}, {}}", 0])
        #expect(nested == .array([.integer(1), .bulk(Array("a".utf8)), .array([.integer(2), .null]), .array([])]))
        #expect(nested.array?[1].string == "a")
        await client.close()
    }

    @Test func throwsErrorRepliesAsServerErrorsWithTheirPrefix() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration())
        let key = RedisTestSupport.key("wrongtype")
        try await client.send(["SET", "\(key)", "text"])
        let error = await #expect(throws: RedisError.self) { try await client.send(["LPUSH", "\(key)", "x"]) }
        #expect(error?.code == .server)
        #expect(error?.prefix == "WRONGTYPE")
        #expect(error?.message.hasPrefix("WRONGTYPE Operation against a key") == true)
        #expect(error?.description == "Redis server error (WRONGTYPE)")
        // The connection stays usable after an error reply.
        #expect(try await client.send(["GET", "\(key)"]).string == "text")
        await client.close()
    }

    @Test func pipelinesManyCommandsAndReturnsEveryReplyInOrderWithPerCommandErrors() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        let key = RedisTestSupport.key("pipeline")
        var commands: [[RedisArgument]] = (0..<50).map { ["ECHO", "echo-\($0)"] }
        commands += [["SET", "\(key)", "abc"], ["INCR", "\(key)"], ["GET", "\(key)"], ["NOSUCHCOMMAND"]]
        commands += (50..<100).map { ["ECHO", "echo-\($0)"] }
        let replies = try await client.pipeline(commands)
        #expect(replies.count == 104)
        #expect(replies[0..<50].map(\.string) == (0..<50).map { "echo-\($0)" })
        #expect(replies[50] == .status("OK"))
        #expect(replies[51] == .error("ERR value is not an integer or out of range"))
        #expect(replies[52] == .bulk(Array("abc".utf8)))
        #expect(replies[53].errorMessage?.hasPrefix("ERR unknown command") == true)
        #expect(replies[54...].map(\.string) == (50..<100).map { "echo-\($0)" })
        await client.close()
    }

    @Test func sendsAPipelineInOneRoundTrip() async throws {
        // A private server: no other client's reads are counted.
        let server = try await RedisTestSupport.privateServer()
        defer { server.stop() }
        let client = RedisClient(configuration: RedisTestSupport.configuration(port: server.port, poolSize: 1))
        let reads = try await client.withConnection { connection in
            let before = try connection.command("INFO", "stats").string ?? ""
            let replies = try connection.pipeline((0..<50).map { ["INCR", "counter-\($0)"] })
            precondition(replies.count == 50)
            let after = try connection.command("INFO", "stats").string ?? ""
            return [before, after].map { Int(RedisTestSupport.info($0, "total_reads_processed") ?? "") ?? -1 }
        }
        // One read for the whole pipeline and one for the second INFO; 50 separate commands would need 51.
        #expect(reads[0] > 0)
        #expect(reads[1] - reads[0] == 2)
        await client.close()
    }

    @Test func reconnectsOnTheNextCallAfterTheServerKillsTheConnection() async throws {
        let name = "kill-\(UUID().uuidString)"
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1, clientName: name))
        let admin = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        let firstID = try #require(try await client.send(["CLIENT", "ID"]).int)
        #expect(try await admin.send(["CLIENT", "KILL", "ID", RedisArgument(firstID)]) == .integer(1))
        // The call that discovers the loss throws (it is never retried silently, it may not be idempotent).
        do {
            #expect(try await client.send(["PING"]) == .status("PONG"))
        } catch let error as RedisError {
            #expect(error.code == .connection)
        }
        let secondID = try #require(try await client.send(["CLIENT", "ID"]).int)
        #expect(secondID != firstID)
        // The reconnect ran the same setup: the name is back.
        #expect(try await client.send(["CLIENT", "GETNAME"]).string == name)
        await client.close()
        await admin.close()
    }

    @Test func throwsQuicklyWhenTheServerIsDownAndWorksWithANewServer() async throws {
        let server = try await RedisTestSupport.privateServer()
        let client = RedisClient(configuration: RedisTestSupport.configuration(port: server.port, poolSize: 1))
        #expect(try await client.send(["PING"]) == .status("PONG"))
        server.stop()
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<3 {
            let error = await #expect(throws: RedisError.self) { try await client.send(["PING"]) }
            #expect(error?.code == .connection)
        }
        #expect(clock.now - start < .seconds(10))
        await client.close()

        let fresh = try await RedisTestSupport.privateServer()
        defer { fresh.stop() }
        let freshClient = RedisClient(configuration: RedisTestSupport.configuration(port: fresh.port, poolSize: 1))
        #expect(try await freshClient.send(["PING"]) == .status("PONG"))
        await freshClient.close()
    }

    @Test func givesUpConnectingWithinTheConnectTimeoutWhenThePeerNeverAnswers() async throws {
        let peer = try RedisFakePeer(backlog: 0)
        peer.fillAcceptQueue()
        var configuration = RedisTestSupport.configuration(port: peer.port, poolSize: 1)
        configuration.connectTimeout = .milliseconds(300)
        let client = RedisClient(configuration: configuration)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: RedisError.self) { try await client.send(["PING"]) }
        #expect(error?.code == .timeout)
        // Far below the kernel's own SYN retries (about two minutes), far above a loaded machine's jitter.
        #expect(clock.now - start < .seconds(10))
        await client.close()
    }

    @Test func reportsAProtocolErrorWhenThePeerIsNotRedis() async throws {
        let peer = try RedisFakePeer(backlog: 4)
        peer.acceptOnce(writing: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
        let client = RedisClient(configuration: RedisTestSupport.configuration(port: peer.port, poolSize: 1))
        let error = await #expect(throws: RedisError.self) { try await client.send(["PING"]) }
        #expect(error?.code == .protocol)
        await client.close()
    }

    @Test func throwsATimeoutWhenAReplyTakesLongerThanTheReadTimeoutAndThenRecovers() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1, readTimeout: .milliseconds(300)))
        let key = RedisTestSupport.key("blpop")
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: RedisError.self) { try await client.send(["BLPOP", "\(key)", 30]) }
        #expect(error?.code == .timeout)
        #expect(clock.now - start < .seconds(10))
        // The timed-out context is replaced: the late BLPOP reply cannot be mistaken for this one.
        #expect(try await client.send(["ECHO", "after"]).string == "after")
        await client.close()
    }

    @Test func refusesCallsAfterTheClientIsClosed() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        #expect(try await client.send(["PING"]) == .status("PONG"))
        await client.close()
        await client.close()
        let error = await #expect(throws: RedisError.self) { try await client.send(["PING"]) }
        #expect(error?.code == .poolClosed)
    }
}
