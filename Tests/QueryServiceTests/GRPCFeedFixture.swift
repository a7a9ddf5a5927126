import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// A live hub behind a real gRPC server on a free port, fed by the test, with independent Python
/// grpcio clients (Tests/clients/grpc_client.py) that know only proto/.
///
/// The feed never reads the read model or relays bids, so the service's reader and relay point
/// at nothing; the reads and bids are tested end to end against real services (GRPCEndToEndTests).
struct GRPCFeedFixture {
    let hub: LiveHub
    let feed: LiveEventFeed
    let node: GRPCNode
    var service: LiveAuctionService { node.service }
    var target: String { "127.0.0.1:\(node.port)" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("clients/grpc_client.py").path

    static func start(_ settings: LiveAuctionService.Settings = .init()) async throws -> GRPCFeedFixture {
        let hub = LiveFixtures.hub(maxTopics: 16)
        let reader = ReadModelReader(database: PostgresClient(connectionString: "host=127.0.0.1 port=1 dbname=unused", size: 1))
        let bids = RelayedBidPlacer(
            commands: CommandClient(relay: CommandRelay(baseURLs: [URL(string: "http://127.0.0.1:1")!])),
            gate: ReadYourWritesGate(reader: reader), signer: try SessionTokenSigner(secret: "unused-unused-unused"))
        let service = LiveAuctionService(hub: hub, reader: reader, bids: bids, settings: settings)
        let node = try await GRPCNode(host: "127.0.0.1", port: 0, service: service)
        return GRPCFeedFixture(hub: hub, feed: LiveEventFeed(hub: hub), node: node)
    }

    /// Starts `grpc_client.py feed` with a `SubscribeRequest` of `topics`.
    func startFeed(_ topics: [String], after: Int64 = 0, epoch: String = "", extra: [String] = []) throws -> ClientLog {
        var request: [String: Any] = ["topics": topics, "after": String(after)]
        if !epoch.isEmpty { request["epoch"] = epoch }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("grpc-feed-\(UUID().uuidString).log")
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), [Self.script, "feed", target, json] + extra, logFile: log)
        return ClientLog(url: log, pid: pid)
    }

    /// Waits until `count` streams follow `topic`.
    func waitForSubscribers(_ topic: TopicName, _ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while await hub.subscriberCount(topic) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(await hub.subscriberCount(topic) == count)
    }
}

extension ClientLog {
    /// The feed's `update` messages (proto field names; int64 values arrive as JSON strings).
    var feedUpdates: [[String: Any]] { lines.compactMap { $0["update"] as? [String: Any] } }

    var feedPositions: [Int64] { feedUpdates.compactMap { ($0["position"] as? String).flatMap { Int64($0) } } }

    /// How the stream ended: `OK`, a status code name, or `CANCELLED_BY_CLIENT`.
    var feedEnd: [String: Any]? { lines.first { $0["end"] != nil } }

    /// Waits until an update at `position` or later has arrived.
    func waitForFeedPosition(_ position: Int64) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while (feedPositions.last ?? 0) < position, ContinuousClock.now < deadline {
            refresh()
            if (feedPositions.last ?? 0) < position { try await Task.sleep(for: .milliseconds(1)) }
        }
        try #require((feedPositions.last ?? 0) >= position, "update \(position) never arrived; last \(feedPositions.last ?? 0)")
    }
}
