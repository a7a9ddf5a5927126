import AuctionDomain
import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// The gRPC live feed on a real server with real grpcio clients: confirmation first, every update
/// in order with typed data, one encoding per change for all streams, slow readers ended with
/// RESOURCE_EXHAUSTED without delaying others, and `going_away` on shutdown.
@Suite struct GRPCFeedTests {
    let clients = WorkerThread(name: "grpc-feed-clients")

    @Test func everyStreamGetsTheConfirmationThenEveryUpdateInOrderAndEachChangeIsEncodedOnce() async throws {
        let fixture = try await GRPCFeedFixture.start()
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        let streams = try (0..<3).map { _ in try fixture.startFeed(["auction:a1"], extra: ["--updates", "5"]) }
        defer { streams.forEach { $0.finish() } }
        try await fixture.waitForSubscribers(.auction("a1"), 3)

        // One change at a time: the hub conflates what arrives while it is busy, which is right but not this test.
        fixture.feed.committed([LiveFixtures.registered(1, "bob", name: "Bob"), try LiveFixtures.created(2, "a1")])
        try await streams[0].waitForFeedPosition(2)
        for position: Int64 in 3...6 {
            fixture.feed.committed([try LiveFixtures.price(
                position, "a1", version: position - 1, leader: "bob", minorUnits: 1000 + position, number: Int(position) - 2)])
            try await streams[0].waitForFeedPosition(position)
        }
        for stream in streams { try await stream.waitForExit(on: clients) }

        for stream in streams {
            let subscribed = try #require(stream.lines.first?["subscribed"] as? [String: Any], "\(stream.lines.first ?? [:])")
            #expect(subscribed["epoch"] as? String == "test-epoch")
            #expect(subscribed["topics"] as? [String] == ["auction:a1"])
            #expect(stream.feedPositions == [2, 3, 4, 5, 6])
            let last = try #require(stream.feedUpdates.last?["auction"] as? [String: Any])
            #expect((last["price"] as? [String: Any])?["minor_units"] as? String == "1006")
            #expect((last["price"] as? [String: Any])?["currency"] as? String == "EUR")
            #expect(last["leader_name"] as? String == "Bob")
            #expect(last["status"] as? String == "AUCTION_STATUS_OPEN")
            #expect(stream.feedEnd?["end"] as? String == "CANCELLED_BY_CLIENT")
        }
        // Five changes, three streams: five encodings, not fifteen.
        #expect(fixture.service.statistics.encodings == 5)
        let released = ContinuousClock.now + .seconds(30)
        while await fixture.hub.subscriberCount(.auction("a1")) > 0, ContinuousClock.now < released {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await fixture.hub.subscriberCount(.auction("a1")) == 0)
    }

    @Test func aPositionFromAnotherEpochStartsWithAResetAndTheCurrentState() async throws {
        let fixture = try await GRPCFeedFixture.start()
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        // A first stream makes the topic warm, so the later subscriptions find its value.
        let first = try fixture.startFeed(["auction:a1"], extra: ["--updates", "1"])
        defer { first.finish() }
        try await fixture.waitForSubscribers(.auction("a1"), 1)
        fixture.feed.committed([LiveFixtures.registered(1, "bob", name: "Bob"), try LiveFixtures.created(2, "a1")])
        try await first.waitForExit(on: clients)
        #expect(first.feedPositions == [2])

        let stream = try fixture.startFeed(["auction:a1"], after: 2, epoch: "another-node", extra: ["--updates", "1"])
        defer { stream.finish() }
        try await stream.waitForExit(on: clients)
        #expect(stream.lines.first?["subscribed"] != nil)
        #expect((stream.lines.dropFirst().first?["reset"] as? [String: Any])?["epoch"] as? String == "test-epoch")
        #expect(stream.feedPositions == [2])

        // The same position in this node's epoch: nothing to send until the next change.
        let current = try fixture.startFeed(["auction:a1"], after: 2, epoch: "test-epoch", extra: ["--updates", "1"])
        defer { current.finish() }
        try await fixture.waitForSubscribers(.auction("a1"), 1)
        fixture.feed.committed([try LiveFixtures.price(3, "a1", version: 2, leader: "bob", minorUnits: 1500, number: 1)])
        try await current.waitForExit(on: clients)
        #expect(current.feedPositions == [3])
        #expect(current.lines.contains { $0["reset"] != nil } == false)
    }

    @Test func badRequestsAreRefusedWithInvalidArgumentAndTheRESTCode() async throws {
        let fixture = try await GRPCFeedFixture.start()
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        let cases: [([String], String)] = [
            ([], "invalid_topic"), (["auction:../x"], "invalid_topic"), (["nonsense"], "invalid_topic"),
            ((0..<33).map { "auction:a\($0)" }, "too_many_topics"),
        ]
        for (topics, code) in cases {
            let stream = try fixture.startFeed(topics)
            defer { stream.finish() }
            try await stream.waitForExit(on: clients)
            let end = try #require(stream.feedEnd, "\(topics.prefix(2))")
            #expect(end["end"] as? String == "INVALID_ARGUMENT", "\(topics.prefix(2))")
            #expect((end["metadata"] as? [String: Any])?["error-code"] as? String == code, "\(topics.prefix(2))")
        }
        let negative = try fixture.startFeed(["home"], after: -1)
        defer { negative.finish() }
        try await negative.waitForExit(on: clients)
        #expect((negative.feedEnd?["metadata"] as? [String: Any])?["error-code"] as? String == "invalid_position")
        #expect(await fixture.hub.topicCount == 0)
    }

    @Test func aQuietStreamIsPingedAtTheConfiguredInterval() async throws {
        var settings = LiveAuctionService.Settings()
        settings.pingInterval = .milliseconds(200)
        let fixture = try await GRPCFeedFixture.start(settings)
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        let stream = try fixture.startFeed(["home"], extra: ["--timeout", "10"])
        defer { stream.finish() }
        try await stream.waitForExit(on: clients)
        let pings = stream.lines.compactMap { $0["ping"] as? [String: Any] }
        #expect(pings.count >= 3, "\(stream.lines)")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(pings.allSatisfy { (($0["sent_at"] as? String).flatMap { Int64($0) } ?? 0) > now - 60_000 })
        #expect(stream.feedEnd?["end"] as? String == "DEADLINE_EXCEEDED")
    }

    @Test func stoppingTheNodeSendsGoingAwayToEveryStreamAndEndsThem() async throws {
        let fixture = try await GRPCFeedFixture.start()
        let streams = try (0..<2).map { _ in try fixture.startFeed(["home"]) }
        defer { streams.forEach { $0.finish() } }
        try await fixture.waitForSubscribers(.home, 2)
        await fixture.node.stop(drain: .seconds(5))
        for stream in streams {
            try await stream.waitForExit(on: clients)
            #expect(stream.lines.contains { $0["going_away"] != nil }, "\(stream.lines)")
            #expect(stream.feedEnd?["end"] as? String == "OK")
        }
        #expect(fixture.service.feeds.count == 0)
    }
}

/// A stalled gRPC reader: conflated per topic, then ended with RESOURCE_EXHAUSTED, while a healthy
/// stream gets every update (the same shape as LiveSlowConsumerTests for `/live`).
@Suite struct GRPCSlowConsumerTests {
    let clients = WorkerThread(name: "grpc-slow-clients")
    /// A long leader name makes each update about 60 KB, so HTTP/2 flow control stops the writer soon.
    static let leaderName = "Bob " + String(repeating: "b", count: 60_000)

    @Test func aStalledReaderOfMoreTopicsThanItsQueueHoldsIsEndedWithResourceExhaustedWhileOthersGetEveryUpdate() async throws {
        var settings = LiveAuctionService.Settings()
        settings.queueCapacity = 4
        let fixture = try await GRPCFeedFixture.start(settings)
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        let resume = FileManager.default.temporaryDirectory.appendingPathComponent("grpc-go-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: resume) }
        let others = (1...7).map { AuctionID("b\($0)") }
        // Deadlines far beyond the test: a loaded machine makes it run long.
        let healthy = try fixture.startFeed(["auction:a1"], extra: ["--timeout", "600"])
        defer { healthy.finish() }
        let stuck = try fixture.startFeed(
            ["auction:a1"] + others.map { "auction:\($0)" }, extra: ["--stall-file", resume, "--timeout", "600"])
        defer { stuck.finish() }
        try await fixture.waitForSubscribers(.auction("a1"), 2)
        fixture.feed.committed([LiveFixtures.registered(1, "bob", name: Self.leaderName), try LiveFixtures.created(2, "a1")])
        try await healthy.waitForFeedPosition(2)

        var (position, streak, created): (Int64, Int, Int) = (3, 0, 0)
        var expected: [Int64] = [2]
        // Updates until the stuck stream's queue conflates every time (its writer is blocked), then
        // new auctions queue one frame each under their own topics until the queue overflows.
        while fixture.service.statistics.exhausted == 0, position < 4000 {
            if streak >= 20, created < others.count {
                fixture.feed.committed([try LiveFixtures.created(position, others[created])])
                (created, position) = (created + 1, position + 1)
            }
            let before = await fixture.hub.statistics.conflated
            fixture.feed.committed([try LiveFixtures.price(
                position, "a1", version: position - 1, leader: "bob", minorUnits: 1000 + position, number: Int(position))])
            try await healthy.waitForFeedPosition(position)
            expected.append(position)
            streak = await fixture.hub.statistics.conflated > before ? streak + 1 : 0
            position += 1
        }
        try #require(fixture.service.statistics.exhausted == 1, "the stuck stream never overflowed")
        // Others go on after the overflow.
        for _ in 0..<5 {
            fixture.feed.committed([try LiveFixtures.price(
                position, "a1", version: position - 1, leader: "bob", minorUnits: 1000 + position, number: Int(position))])
            try await healthy.waitForFeedPosition(position)
            expected.append(position)
            position += 1
        }
        _ = FileManager.default.createFile(atPath: resume, contents: Data())
        try await stuck.waitForExit(on: clients)
        #expect(stuck.feedEnd?["end"] as? String == "RESOURCE_EXHAUSTED")
        #expect((stuck.feedEnd?["metadata"] as? [String: Any])?["error-code"] as? String == "slow_consumer")
        healthy.refresh()
        #expect(healthy.feedPositions == expected)
        let released = ContinuousClock.now + .seconds(30)
        while await fixture.hub.subscriberCount(.auction("a1")) > 1, ContinuousClock.now < released {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await fixture.hub.subscriberCount(.auction("a1")) == 1)
    }
}

/// Many streams on one node: a thousand feeds on one connection each get the update, which the
/// node encoded once.
@Suite struct GRPCManyStreamsTests {
    let clients = WorkerThread(name: "grpc-many-clients")

    @Test func aThousandConcurrentStreamsEachGetTheUpdateEncodedOnce() async throws {
        let fixture = try await GRPCFeedFixture.start()
        defer { Task { await fixture.node.stop(drain: .seconds(1)) } }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("grpc-many-\(UUID().uuidString).log")
        let request = #"{"topics":["auction:a1"]}"#
        let pid = try ChildProcess.start(
            try ChildProcess.find("python3"), [GRPCFeedFixture.script, "streams", fixture.target, request, "1000", "--timeout", "120"],
            logFile: log)
        let client = ClientLog(url: log, pid: pid)
        defer { client.finish() }
        let deadline = ContinuousClock.now + .seconds(120)
        while !client.lines.contains(where: { $0["ready"] != nil }), ContinuousClock.now < deadline {
            client.refresh()
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(client.lines.first { $0["ready"] != nil }?["ready"] as? Int == 1000)
        #expect(await fixture.hub.subscriberCount(.auction("a1")) == 1000)

        fixture.feed.committed([LiveFixtures.registered(1, "bob", name: "Bob"), try LiveFixtures.created(2, "a1")])
        try await client.waitForExit(on: clients)
        let result = try #require(client.lines.first { $0["streams"] != nil })
        #expect(result["updated"] as? Int == 1000)
        #expect(result["positions"] as? [String] == ["2"] || result["positions"] as? [Int] == [2])
        #expect(fixture.service.statistics.encodings == 1)
    }
}
