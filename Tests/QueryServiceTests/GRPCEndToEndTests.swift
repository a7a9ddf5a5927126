import Foundation
import Shared
import Testing
import TestServers

/// The gRPC API against real processes (a CommandService, two QueryService nodes, Redis,
/// PostgreSQL) with the independent grpcio client: a bid placed over gRPC on node B reaches a
/// feed on node A; reads equal REST; errors carry the REST codes; a retried bid is the same bid.
@Suite(.serialized) struct GRPCEndToEndTests {
    static let script = GRPCFeedFixture.script

    /// One unary call; the client's JSON line (`reply`, or `code`/`message`/`metadata`).
    static func call(_ target: String, _ method: String, _ request: [String: Any], token: String? = nil) async throws -> [String: Any] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run(try ChildProcess.find("python3"), [script, "call", target, method, json] + (token.map { ["--token", $0] } ?? []))
        }
        return try WebFixtures.json(String(output.split(separator: "\n").last ?? ""))
    }

    static func post(_ base: String, _ path: String, _ body: String, token: String? = nil, key: String? = nil) async throws -> [String: Any] {
        var arguments = ["-s", "-X", "POST", "\(base)\(path)", "-H", "Content-Type: application/json", "-d", body]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
        let request = arguments
        return try WebFixtures.json(try await WebTestbed.clients.run { try ExternalClient.curl(request) })
    }

    /// Registers a user and logs in: their session token.
    static func session(_ commands: String, _ name: String) async throws -> String {
        _ = try await post(commands, "/v1/users", #"{"displayName":"\#(name)","password":"long password"}"#)
        let issued = try await post(commands, "/v1/sessions", #"{"displayName":"\#(name)","password":"long password"}"#)
        return try #require(issued["token"] as? String)
    }

    @Test func bidsReadsAndErrorsOverGRPCAcrossTwoNodes() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        try await EndToEndCluster.waitUntilReady(cluster.baseB)
        let commands = "http://127.0.0.1:\(cluster.commands.port)"
        let grpcA = "127.0.0.1:\(try #require(cluster.nodeA.grpcPort))", grpcB = "127.0.0.1:\(try #require(cluster.nodeB.grpcPort))"
        let seller = try await Self.session(commands, "Gia"), bidder = try await Self.session(commands, "Hal")
        let created = try await Self.post(commands, "/v1/auctions", #"""
            {"title":"Radio","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":3600}
            """#, token: seller, key: "grpc-radio")
        let id = try #require(created["auctionID"] as? String)
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        try await EndToEndCluster.waitUntilReady(cluster.baseB)

        // A feed on node A, from the position REST... the topic's current value first, then the bid.
        let fixture = GRPCFeedClient(target: grpcA)
        let feed = try fixture.start(["auction:\(id)"], updates: 2)
        defer { feed.finish() }
        try await feed.waitForFeedPosition(1)

        // A bid over gRPC on node B, with the token in the metadata.
        let bid: [String: Any] = ["auction_id": id, "maximum_minor_units": "900", "idempotency_key": "grpc-bid-1"]
        let placed = try #require(try await Self.call(grpcB, "PlaceBid", bid, token: "Bearer \(bidder)")["reply"] as? [String: Any])
        #expect(placed["leading"] as? Bool == true)
        #expect((placed["price"] as? [String: Any])?["minor_units"] as? String == "500")
        #expect(placed["message"] as? String != nil)
        try await feed.waitForExit(on: WorkerThread(name: "grpc-e2e-wait"))
        let last = try #require(feed.feedUpdates.last?["auction"] as? [String: Any])
        #expect(last["leader_name"] as? String == "Hal")
        #expect(last["bid_count"] as? Int == 1)

        // The same key again is the same bid (no second bid).
        let again = try #require(try await Self.call(grpcB, "PlaceBid", bid, token: "Bearer \(bidder)")["reply"] as? [String: Any])
        #expect(again["leading"] as? Bool == true)
        let auction = try #require(try await Self.call(grpcB, "GetAuction", ["auction_id": id])["reply"] as? [String: Any])
        #expect(auction["bid_count"] as? Int == 1)
        let rest = try WebFixtures.json(try await WebTestbed.clients.run { try ExternalClient.curl(["-s", "\(cluster.baseB)/v1/auctions/\(id)"]) })
        #expect(auction["title"] as? String == rest["title"] as? String)
        #expect(auction["version"] as? String == (rest["version"] as? Int).map(String.init))
        #expect((auction["current_price"] as? [String: Any])?["minor_units"] as? String == "500")

        let bids = try #require(try await Self.call(grpcA, "ListBids", ["auction_id": id])["reply"] as? [String: Any])
        #expect((bids["bids"] as? [[String: Any]])?.count == 1)
        let open = try #require(try await Self.call(grpcA, "ListAuctions", ["limit": 5])["reply"] as? [String: Any])
        #expect((open["auctions"] as? [[String: Any]])?.contains { $0["auction_id"] as? String == id } == true)

        // Errors: the gRPC status and the REST code.
        let cases: [(String, [String: Any], String?, String, String)] = [
            ("PlaceBid", bid, nil, "UNAUTHENTICATED", "unauthenticated"),
            ("PlaceBid", bid, "Bearer forged.token", "UNAUTHENTICATED", "unauthenticated"),
            ("PlaceBid", ["auction_id": id, "maximum_minor_units": "900"], "Bearer \(bidder)", "INVALID_ARGUMENT", "missing_idempotency_key"),
            ("PlaceBid", ["auction_id": id, "maximum_minor_units": "600", "idempotency_key": "grpc-bid-2"], "Bearer \(bidder)",
             "FAILED_PRECONDITION", "maximum_not_raised"),
            ("PlaceBid", ["auction_id": id, "maximum_minor_units": "2000", "idempotency_key": "grpc-bid-3"], "Bearer \(seller)",
             "PERMISSION_DENIED", "seller_cannot_bid"),
            ("GetAuction", ["auction_id": "no-such-auction"], nil, "NOT_FOUND", "not_found"),
            ("GetUser", ["user_id": "nobody"], nil, "NOT_FOUND", "not_found"),
            ("ListAuctions", ["limit": 1000], nil, "INVALID_ARGUMENT", "invalid_limit"),
            ("ListAuctions", ["status": "closed"], nil, "INVALID_ARGUMENT", "invalid_parameter"),
            ("ListBids", ["auction_id": id, "cursor": "garbage"], nil, "INVALID_ARGUMENT", "invalid_cursor"),
        ]
        for (method, request, token, status, code) in cases {
            let answer = try await Self.call(grpcB, method, request, token: token)
            #expect(answer["code"] as? String == status, "\(method) \(request)")
            #expect((answer["metadata"] as? [String: Any])?["error-code"] as? String == code, "\(method) \(request): \(answer)")
        }
        let limit = try await Self.call(grpcB, "ListAuctions", ["limit": 1000])
        #expect((limit["metadata"] as? [String: Any])?["error-details"] as? String == #"{"maximum":100,"minimum":1}"#)
        let after = try #require(try await Self.call(grpcA, "GetAuction", ["auction_id": id])["reply"] as? [String: Any])
        #expect(after["bid_count"] as? Int == 1)

        // SIGTERM during a stream: it gets going_away and ends cleanly.
        let watching = try fixture.start(["home"], updates: nil)
        defer { watching.finish() }
        try await feedConfirmed(watching)
        _ = cluster.nodeA.stop(signal: SIGTERM)
        try await watching.waitForExit(on: WorkerThread(name: "grpc-e2e-stop"))
        #expect(watching.lines.contains { $0["going_away"] != nil }, "\(watching.lines)")
        await cluster.stop()
    }

    /// Waits (generously: a loaded machine starts Python slowly) until the feed is confirmed.
    func feedConfirmed(_ log: ClientLog) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while !log.lines.contains(where: { $0["subscribed"] != nil }), ContinuousClock.now < deadline {
            log.refresh()
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(log.lines.contains { $0["subscribed"] != nil }, "the feed was never confirmed: \(log.lines)")
    }
}

/// Starts grpc_client.py feeds against a node's gRPC port.
struct GRPCFeedClient {
    let target: String

    func start(_ topics: [String], updates: Int?) throws -> ClientLog {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["topics": topics]), as: UTF8.self)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("grpc-e2e-\(UUID().uuidString).log")
        let extra = updates.map { ["--updates", String($0)] } ?? []
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), [GRPCFeedFixture.script, "feed", target, json] + extra, logFile: log)
        return ClientLog(url: log, pid: pid)
    }
}
