import AuctionDomain
import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Slow consumers on the real `/live` endpoint (libwebsockets server, `LiveSocketHandler`, hub),
/// with independent Python clients (Tests/clients/live_slow_consumer.py) that stop reading.
///
/// Updates are fed one at a time and the next only once the healthy client has received the
/// previous one, so the healthy client's queue never holds two frames: it must get every update,
/// in order, each while the slow client is stalled. The slow client's stall is observed on the
/// server (the hub's count of conflated sends), not assumed from a sleep.
@Suite struct LiveSlowConsumerTests {
    let clients = WorkerThread(name: "live-slow-clients")

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("clients/live_slow_consumer.py").path
    /// A long leader name makes each price frame about 60 KB, so the socket buffers fill sooner.
    static let leaderName = "Bob " + String(repeating: "b", count: 60_000)
    /// Consecutive updates that must all be conflated before a reader counts as stalled: a
    /// reader's queue can briefly hold a frame while its socket is still being drained.
    static let stallStreak = 20
    /// Updates fed at most while waiting for the server to notice a stalled reader.
    static let maxUpdates: Int64 = 4000

    struct Node {
        let hub: LiveHub
        let feed: LiveEventFeed
        let server: HTTPServer
        let metrics: ServiceMetrics
        var url: String { "ws://127.0.0.1:\(server.port)/live" }

        /// Frames the server dropped because a queue overflowed (read from its metrics).
        var overflowDrops: Int {
            let prefix = "\(MetricName.webSocketFramesDropped){reason=\"overflow\"} "
            let line = metrics.registry.emitToString().split(separator: "\n").first { $0.hasPrefix(prefix) }
            return line.flatMap { Int(Double($0.dropFirst(prefix.count)) ?? 0) } ?? 0
        }
    }

    func startNode(maxQueuedFrames: Int = HTTPServerConfiguration().maxQueuedFrames) throws -> Node {
        let hub = LiveFixtures.hub(maxTopics: 8)
        let metrics = ServiceMetrics()
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.maxQueuedFrames = maxQueuedFrames
        configuration.metrics = metrics
        let server = try HTTPServer(configuration: configuration, router: Router(),
                                    webSocketRoutes: ["/live": LiveSocketHandler(hub: hub, relay: AcceptingRelay())])
        return Node(hub: hub, feed: LiveEventFeed(hub: hub), server: server, metrics: metrics)
    }

    func startClient(_ url: String, _ steps: [[String: Any]], slow: Bool) throws -> ClientLog {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("live-slow-\(UUID().uuidString).log")
        let arguments = [Self.script, url, json] + (slow ? ["--small-buffer"] : [])
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), arguments, logFile: log)
        return ClientLog(url: log, pid: pid)
    }

    /// A file whose creation tells a paused client to go on.
    func signalFile() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("live-go-\(UUID().uuidString)").path }

    /// Creates the file at once (written aside, then renamed), holding `position` if given.
    func signal(_ path: String, position: Int64? = nil) throws {
        let draft = path + ".draft"
        try Data((position.map(String.init) ?? "").utf8).write(to: URL(fileURLWithPath: draft))
        try FileManager.default.moveItem(atPath: draft, toPath: path)
    }

    /// Waits until `count` clients follow auction a1, then names the leader-to-be and creates the
    /// auction: update 2 on every connection.
    func begin(_ node: Node, subscribers count: Int, healthy: ClientLog) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while await node.hub.subscriberCount(.auction("a1")) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(await node.hub.subscriberCount(.auction("a1")) == count)
        node.feed.committed([LiveFixtures.registered(1, "bob", name: Self.leaderName), try LiveFixtures.created(2, "a1")])
        try await healthy.waitForPosition(2)
    }

    /// Feeds the price change at `position` and waits until the healthy client has received it.
    func update(_ node: Node, _ position: Int64, healthy: ClientLog) async throws {
        node.feed.committed([try LiveFixtures.price(
            position, "a1", version: position - 1, leader: "bob", minorUnits: 1000 + position, number: Int(position))])
        try await healthy.waitForPosition(position)
    }

    /// Feeds updates from `position` on until the last ``stallStreak`` of them were all conflated:
    /// a stalled reader's queue holds a1's frame and its socket takes nothing more. Returns the
    /// next position to feed.
    func stall(_ node: Node, from position: Int64, healthy: ClientLog) async throws -> Int64 {
        var (position, streak) = (position, 0)
        while streak < Self.stallStreak, position < Self.maxUpdates {
            let before = await node.hub.statistics.conflated
            try await update(node, position, healthy: healthy)
            position += 1
            streak = await node.hub.statistics.conflated > before ? streak + 1 : 0
        }
        try #require(streak >= Self.stallStreak, "no reader stalled after \(position) updates")
        return position
    }

    func subscribe(_ topics: [String]) -> [String: Any] { ["send": ["type": "subscribe", "topics": topics, "after": 0]] }

    @Test func aStalledReaderOfAStateTopicStaysOpenAndResumesAtTheLatestStateWhileOthersGetEveryUpdate() async throws {
        let node = try startNode()
        defer { node.server.stop() }
        let resume = signalFile()
        defer { try? FileManager.default.removeItem(atPath: resume) }
        let healthy = try startClient(node.url, [subscribe(["auction:a1"]), ["close_expected": true]], slow: false)
        defer { healthy.finish() }
        let stalled = try startClient(node.url, [
            subscribe(["auction:a1"]), ["wait_file": resume], ["until_position": "signalled"], ["roundtrip": true], ["close": true],
        ], slow: true)
        defer { stalled.finish() }
        try await begin(node, subscribers: 2, healthy: healthy)
        let stalledAt = try await stall(node, from: 3, healthy: healthy)
        // As many updates again after the stall: a reader that had not stalled would get them all.
        let final = stalledAt + stalledAt + 100
        for position in stalledAt...final { try await update(node, position, healthy: healthy) }
        try signal(resume, position: final)
        try await stalled.waitForExit(on: clients)

        #expect(healthy.updatePositions == Array(2...final))
        let positions = stalled.updatePositions
        #expect(positions == positions.sorted() && Set(positions).count == positions.count)
        // Every update either reached it or was replaced by a newer one in its queue; most were replaced.
        let conflated = await node.hub.statistics.conflated
        #expect(positions.count == Int(final - 1) - conflated)
        #expect(positions.count * 2 < Int(final - 1), "\(positions.count) of \(final - 1) updates reached the stalled reader")
        let latest = try #require(stalled.frames.last { $0["type"] as? String == "update" })
        let expected = try #require(healthy.frames.last)
        #expect(latest["position"] as? Int == Int(final))
        #expect(latest["html"] as? String == expected["html"] as? String)
        // The server did not close it: it still answers a ping, then closes itself normally.
        #expect(stalled.frames.last?["type"] as? String == "pong")
        #expect(stalled.closeCode == 1000)
        #expect(node.overflowDrops == 0)
    }

    /// Updates conflate per topic, so a stalled connection's queue holds at most one frame per
    /// topic it follows (plus replies: its own messages are not read while its socket is full).
    /// With the defaults (256 frames, 32 topics) updates cannot overflow it; here the bound (4)
    /// is below the number of topics followed (8).
    @Test func aStalledReaderOfMoreTopicsThanItsQueueHoldsIsClosedWith1013WhileOthersGetEveryUpdate() async throws {
        let node = try startNode(maxQueuedFrames: 4)
        defer { node.server.stop() }
        let resume = signalFile()
        defer { try? FileManager.default.removeItem(atPath: resume) }
        let healthy = try startClient(node.url, [subscribe(["auction:a1"]), ["close_expected": true]], slow: false)
        defer { healthy.finish() }
        let others = (1...7).map { AuctionID("b\($0)") }
        let stuck = try startClient(node.url, [
            subscribe(["auction:a1"] + others.map { "auction:\($0)" }), ["wait_file": resume], ["close_expected": true],
        ], slow: true)
        defer { stuck.finish() }
        try await begin(node, subscribers: 2, healthy: healthy)
        var position = try await stall(node, from: 3, healthy: healthy)
        var expected = Array(2..<position)
        var created = 0
        // Others are not slowed: updates go on while the queue fills and after it overflowed.
        var afterOverflow = 0
        while afterOverflow < 20, position < Self.maxUpdates {
            if node.overflowDrops > 0 {
                // Let the stuck client read at once: lws gives a close frame it cannot write only
                // a few seconds before it drops the TCP connection (1006), and on a loaded machine
                // the 20 updates below can take longer than that.
                if afterOverflow == 0 { try signal(resume) }
                afterOverflow += 1
            }
            if created < others.count {
                // Each new auction queues one more frame, under its own topic, on the stuck connection.
                node.feed.committed([try LiveFixtures.created(position, others[created])])
                (created, position) = (created + 1, position + 1)
            }
            try await update(node, position, healthy: healthy)
            expected.append(position)
            position += 1
        }
        try #require(node.overflowDrops > 0, "the stuck connection's queue never overflowed")
        try await stuck.waitForExit(on: clients)

        #expect(stuck.closeCode == 1013, "\(stuck.lines.suffix(2).map { $0.keys.sorted() })")
        #expect(stuck.closeReason == "slow consumer")
        #expect(healthy.updatePositions == expected)
        let released = ContinuousClock.now + .seconds(30)
        while await node.hub.subscriberCount(.auction("a1")) > 1, ContinuousClock.now < released {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await node.hub.subscriberCount(.auction("a1")) == 1)
    }
}
