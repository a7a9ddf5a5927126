import AuctionDomain
import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Single resources of the REST API, and every response checked against the OpenAPI document by
/// an independent Python validator.
@Suite struct APIResourceTests {
    static func history(_ node: WebTestbed) async throws {
        var events = [WebFixtures.user("seller-1", name: "Sam"), WebFixtures.user("bob", name: "Bob"), WebFixtures.user("eve", name: "Eve")]
        events.append(try WebFixtures.auction("lamp", endsAt: WebFixtures.start + 9_000_000))
        events += try WebFixtures.bid("lamp", bidder: "bob", number: 1, version: 2, price: 1_000)
        events += try WebFixtures.bid("lamp", bidder: "eve", number: 2, version: 4, price: 1_100)
        events += try WebFixtures.bid("lamp", bidder: "bob", number: 3, version: 6, price: 1_200)
        events.append(try WebFixtures.auction("vase", endsAt: WebFixtures.start + 8_000_000))
        events.append(try WebFixtures.auction("gone", endsAt: WebFixtures.start + 8_000_000))
        events.append(WebFixtures.cancelled("gone", version: 2))
        try await node.append(events)
    }

    @Test func anAuctionItsBidsAndAUserAreServedFromTheReadModel() async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let auction = try WebFixtures.json(try await node.curl(["/v1/auctions/lamp"]))
        #expect(auction["title"] as? String == "Lamp")
        #expect(auction["status"] as? String == "open")
        #expect((auction["currentPrice"] as? [String: Any])?["minorUnits"] as? Int == 1_200)
        #expect((auction["leader"] as? [String: Any])?["displayName"] as? String == "Bob")
        #expect(auction["bidCount"] as? Int == 3)
        #expect(auction["version"] as? Int == 7)

        let first = try WebFixtures.json(try await node.curl(["/v1/auctions/lamp/bids?limit=2"]))
        let bids = try #require(first["bids"] as? [[String: Any]])
        #expect(bids.compactMap { $0["bidNumber"] as? Int } == [1, 2])
        let cursor = try #require(first["nextCursor"] as? String)
        let rest = try WebFixtures.json(try await node.curl(["/v1/auctions/lamp/bids?limit=2&cursor=\(cursor)"]))
        let last = try #require((rest["bids"] as? [[String: Any]])?.first)
        #expect(last["bidNumber"] as? Int == 3)
        #expect((last["priceAfter"] as? [String: Any])?["minorUnits"] as? Int == 1_200)
        #expect(rest["nextCursor"] == nil)

        let user = try WebFixtures.json(try await node.curl(["/v1/users/eve"]))
        #expect(user["displayName"] as? String == "Eve")
        await node.close()
    }

    @Test(arguments: ["/v1/auctions/missing", "/v1/auctions/missing/bids", "/v1/users/missing", "/v1/nothing-here"])
    func unknownResourcesGet404InTheSharedErrorShape(_ path: String) async throws {
        let node = try await WebTestbed.make()
        let output = try await node.curl(["-i", path])
        #expect(output.hasPrefix("HTTP/1.1 404"))
        #expect(output.contains(#"{"error":{"code":"not_found""#))
        await node.close()
    }

    @Test func everyResponseMatchesTheOpenAPIDocument() async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let cursor = PageCursor.open(endsAt: 0, auctionID: "").token
        let checks = [
            "/v1/auctions", "/v1/auctions?limit=1", "/v1/auctions?cursor=\(cursor)", "/v1/auctions?seller=seller-1&status=all",
            "/v1/auctions?seller=seller-1&status=cancelled", "/v1/auctions/lamp", "/v1/auctions/gone", "/v1/auctions/lamp/bids",
            "/v1/auctions/lamp/bids?limit=1", "/v1/users/bob", "/v1/auctions/missing@404", "/v1/users/missing@404",
            "/v1/auctions/missing/bids@404", "/v1/auctions?limit=0@400", "/v1/auctions?cursor=bad@400", "/v1/auctions?status=closed@400",
        ]
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "openapi_check.py")
        let base = node.base
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run(try ChildProcess.find("python3"), [script, base] + checks)
        }
        let lines = output.split(separator: "\n").compactMap { try? WebFixtures.json(String($0)) }
        #expect(lines.count == checks.count)
        for line in lines { #expect(line["ok"] as? Bool == true, "\(line)") }
        await node.close()
    }
}
