import Foundation
import Shared
import Testing
import TestServers

/// Blocking `XREAD`s of `RedisStreamReader` against a real redis-server.
@Suite struct RedisStreamReaderTests {
    @Test func wakesABlockedReadWhenAnotherTaskAddsAnEntry() async throws {
        let name = "reader-\(UUID().uuidString)"
        let reader = RedisStreamReader(configuration: try RedisTestSupport.configuration(readTimeout: .milliseconds(500), clientName: name))
        let client = RedisClient(configuration: try RedisTestSupport.configuration())
        let key = RedisTestSupport.key("stream")
        let clock = ContinuousClock()
        let start = clock.now
        let read = Task { try await reader.read([(key, .zero)], block: .seconds(10)) }
        // Wait until the server shows the reader blocked in XREAD, so the XADD really wakes it.
        var blocked = false
        while !blocked, clock.now - start < .seconds(20) {
            let clients = try await client.send(["CLIENT", "LIST"]).string ?? ""
            blocked = clients.split(separator: "\n").contains { $0.contains("name=\(name) ") && $0.contains("cmd=xread") && $0.contains("flags=b") }
            if !blocked { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(blocked)
        let payload: [UInt8] = [0, 1, 2, 255, 13, 10]
        let addedAt = clock.now
        let added = try #require(try await client.send(["XADD", "\(key)", "*", "type", "BidPlaced", "payload", RedisArgument(payload)]).string)
        let batches = try await read.value
        // Woken by the XADD, not by the 10 s block running out (a loaded machine may take a while
        // to show the reader blocked, so this counts from the XADD).
        #expect(clock.now - addedAt < .seconds(5))
        #expect(batches.count == 1)
        #expect(batches.first?.key == key)
        let entry = try #require(batches.first?.entries.first)
        #expect(entry.id.description == added)
        #expect(entry.fields.map(\.name) == ["type", "payload"])
        #expect(entry.string("type") == "BidPlaced")
        #expect(entry["payload"] == payload)
        await reader.close()
        await client.close()
    }

    @Test func returnsNothingWhenTheBlockExpiresEvenWithAShortReadTimeout() async throws {
        // readTimeout (100 ms) is shorter than BLOCK (300 ms): the reader must stretch it, not time out.
        let reader = RedisStreamReader(configuration: try RedisTestSupport.configuration(readTimeout: .milliseconds(100)))
        let key = RedisTestSupport.key("quiet")
        #expect(try await reader.read([(key, .zero)], block: .milliseconds(300)).isEmpty)
        #expect(try await reader.read([(key, .zero)], block: .milliseconds(300)).isEmpty)
        await reader.close()
        await reader.close()
    }

    @Test func readsSeveralStreamsWithACountAndResumesAfterTheLastID() async throws {
        let reader = RedisStreamReader(configuration: try RedisTestSupport.configuration())
        let client = RedisClient(configuration: try RedisTestSupport.configuration())
        let first = RedisTestSupport.key("first")
        let second = RedisTestSupport.key("second")
        for index in 1...3 { try await client.send(["XADD", "\(first)", "*", "n", RedisArgument(index)]) }
        try await client.send(["XADD", "\(second)", "5-1", "n", "only"])
        let batches = try await reader.read([(first, .zero), (second, .zero)], count: 2, block: .seconds(1))
        #expect(batches.map(\.key) == [first, second])
        #expect(batches[0].entries.map { $0.string("n") } == ["1", "2"])
        #expect(batches[1].entries.map(\.id) == [RedisStreamEntryID(milliseconds: 5, sequence: 1)])
        let rest = try await reader.read([(first, try #require(batches[0].lastID))], block: .seconds(1))
        #expect(rest.first?.entries.map { $0.string("n") } == ["3"])
        await reader.close()
        await client.close()
    }

    @Test(arguments: [("0-0", true), ("1700000000000-3", true), ("1700000000000", true), ("1-2-3", false), ("-1", false), ("a-1", false), ("", false)])
    func parsesStreamEntryIDs(text: String, valid: Bool) {
        #expect((RedisStreamEntryID(text) != nil) == valid)
    }

    @Test func ordersStreamEntryIDsByMillisecondsThenSequence() {
        let ids = ["10-2", "9-100", "10-0", "0-0"].compactMap(RedisStreamEntryID.init)
        #expect(ids.sorted().map(\.description) == ["0-0", "9-100", "10-0", "10-2"])
        #expect(RedisStreamEntryID("1700000000000")?.description == "1700000000000-0")
    }
}
