import Foundation
import Shared
import Testing
import TestServers

/// The pool, scripts and clock of `RedisClient` against a real redis-server.
@Suite struct RedisClientTests {
    @Test func landsTwoHundredConcurrentIncrementsThroughAPoolOfFour() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 4))
        let key = RedisTestSupport.key("counter")
        let results = try await withThrowingTaskGroup(of: (value: Int64, connection: Int64).self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let replies = try await client.pipeline([["INCR", "\(key)"], ["CLIENT", "ID"]])
                    return (replies[0].int ?? -1, replies[1].int ?? -1)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(try await client.send(["GET", "\(key)"]).int == 200)
        #expect(Set(results.map(\.value)) == Set(1...200))
        #expect(Set(results.map(\.connection)).count <= 4)
        await client.close()
    }

    @Test func computesTheSameSHA1AsTheServer() async throws {
        // The FIPS 180 test vector.
        #expect(RedisScript("abc").sha1 == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        let script = RedisScript("return 'bid \(UUID().uuidString)' -- é")
        #expect(try await client.send(["SCRIPT", "LOAD", RedisArgument(script.source)]).string == script.sha1)
        await client.close()
    }

    @Test func evaluatesWithEvalshaAndLoadsTheScriptOnlyWhenTheServerLacksIt() async throws {
        // A private server: SCRIPT FLUSH and the command counters must not be shared.
        let server = try await RedisTestSupport.privateServer()
        defer { server.stop() }
        let client = RedisClient(configuration: RedisTestSupport.configuration(port: server.port, poolSize: 1))
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        func counts() async throws -> (evalsha: Int, load: Int, eval: Int) {
            let stats = try #require(try await client.send(["INFO", "commandstats"]).string)
            return (RedisTestSupport.calls(stats, "evalsha"), RedisTestSupport.calls(stats, "script|load"), RedisTestSupport.calls(stats, "eval"))
        }
        // First run: EVALSHA answers NOSCRIPT, SCRIPT LOAD, EVALSHA again.
        #expect(try await client.evaluate(script, keys: ["total"], arguments: [5]) == .integer(5))
        #expect(try await counts() == (2, 1, 0))
        // Second run: the server has it, the body is not sent.
        #expect(try await client.evaluate(script, keys: ["total"], arguments: [2]) == .integer(7))
        #expect(try await counts() == (3, 1, 0))
        // After a flush the fallback loads it again.
        try await client.send(["SCRIPT", "FLUSH"])
        #expect(try await client.evaluate(script, keys: ["total"], arguments: [3]) == .integer(10))
        #expect(try await counts() == (5, 2, 0))
        await client.close()
    }

    @Test func throwsScriptErrorsOtherThanNoscript() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        let script = RedisScript("return redis.error_reply('AUCTIONCLOSED the auction has ended')")
        let error = await #expect(throws: RedisError.self) { try await client.evaluate(script) }
        #expect(error?.code == .server)
        #expect(error?.prefix == "AUCTIONCLOSED")
        await client.close()
    }

    @Test func readsTheServerClock() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 1))
        let first = try await client.time()
        let second = try await client.time()
        #expect(first <= second)
        #expect((0..<1_000_000).contains(first.microseconds))
        #expect(abs(Double(first.seconds) - Date().timeIntervalSince1970) < 60)
        #expect(first.milliseconds / 1000 == first.seconds)
        await client.close()
    }

    @Test func runsSeveralStepsOnOneConnectionWithWithConnection() async throws {
        let client = RedisClient(configuration: try RedisTestSupport.configuration(poolSize: 2))
        let key = RedisTestSupport.key("multi")
        let replies = try await client.withConnection { connection in
            try connection.command("MULTI")
            try connection.command("SET", "\(key)", "1")
            try connection.command("INCR", "\(key)")
            return try connection.command("EXEC")
        }
        #expect(replies == .array([.status("OK"), .integer(2)]))
        await client.close()
    }
}
