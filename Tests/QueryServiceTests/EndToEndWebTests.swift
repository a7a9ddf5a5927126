import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Pages, REST, WebSocket and Chromium against real processes: a CommandService and two
/// QueryService nodes with their own databases on one Redis.
@Suite(.serialized) struct EndToEndWebTests {
    @Test func formsRestAndWebSocketWorkThroughEitherNodeAndBothAgree() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        try await EndToEndCluster.waitUntilReady(cluster.baseB)
        let seller = Browser(base: cluster.baseA), bidder = Browser(base: cluster.baseB)
        _ = try await seller.submit(try await seller.get("/register"), to: "/register", ["displayName": "Ezra", "password": "long password"])
        let listed = try await seller.submit(try await seller.get("/sell"), to: "/sell", [
            "title": WebPageTests.script, "description": "Old", "startingPrice": "4.00", "currency": "EUR", "durationMinutes": "45",
        ])
        #expect(listed.status == 303)
        let location = try #require(listed.headers.split(separator: "\r\n").first { $0.hasPrefix("location: /auctions/") })
        let id = String(location.dropFirst("location: /auctions/".count))
        #expect(try await seller.get("/auctions/\(id)").contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        // A form bid through node B is on node B's next REST read.
        _ = try await bidder.submit(try await bidder.get("/register"), to: "/register", ["displayName": "Noor", "password": "long password"])
        let placed = try await bidder.submit(try await bidder.get("/auctions/\(id)"), to: "/auctions/\(id)/bids", ["maximum": "9.00"])
        #expect(placed.status == 303)
        let onB = try WebFixtures.json(try await bidder.curl(["/v1/auctions/\(id)"]))
        #expect(onB["bidCount"] as? Int == 1)

        // A WebSocket bid through node A is on node A's next REST read.
        let session = try #require(try bidder.cookie("auction_session"))
        let steps = #"[{"send":{"type":"bid","requestID":"e2e-1","auction":"\#(id)","maximum":"12.00"}},{"until":"result","timeout":20}]"#
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "live_session.py")
        let url = "ws://127.0.0.1:\(cluster.nodeA.port)/live"
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run(try ChildProcess.find("python3"), [script, url, "auction_session=\(session)", cluster.baseA, steps])
        }
        let result = output.split(separator: "\n").compactMap { try? WebFixtures.json(String($0))["frame"] as? [String: Any] }.last
        #expect(result?["type"] as? String == "result")
        #expect(result?["ok"] as? Bool == true)
        let onA = try WebFixtures.json(try await seller.curl(["/v1/auctions/\(id)"]))
        #expect(onA["bidCount"] as? Int == 2)

        // Both nodes converge on the same answers.
        try await EndToEndCluster.waitUntilReady(cluster.baseB)
        for path in ["/v1/auctions/\(id)", "/v1/auctions/\(id)/bids", "/v1/auctions"] {
            var same = false
            for _ in 0..<100 where !same {
                same = try await seller.curl([path]) == (try await bidder.curl([path]))
                if !same { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(same, "\(path)")
        }
        await cluster.stop()
    }

    @Test(.enabled(if: HeadlessChromium.path != nil, "needs chromium-headless-shell"))
    func chromiumOnNodeASeesABidPlacedThroughNodeBAndBidsFromThePage() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        try await EndToEndCluster.waitUntilReady(cluster.baseB)
        try await WebBrowserTests.liveScenario(nodeA: cluster.baseA, nodeB: cluster.baseB)
        await cluster.stop()
    }
}
