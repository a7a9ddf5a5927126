import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// `GET /v1/auctions` and its pages, through the real server with curl, against a read model the
/// real projector filled from Redis.
@Suite struct APIListingTests {
    /// Follows `nextCursor` from `path` until the last page; returns the auction ids in order.
    static func walk(_ node: WebTestbed, _ path: String, between: (() async throws -> Void)? = nil) async throws -> (ids: [String], pages: Int) {
        var ids: [String] = []
        var next: String? = nil
        var pages = 0
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let url = next.map { "\(path)\(separator)cursor=\($0)" } ?? path
            let page = try WebFixtures.json(try await node.curl([url]))
            let auctions = try #require(page["auctions"] as? [[String: Any]])
            ids += auctions.compactMap { $0["auctionID"] as? String }
            next = page["nextCursor"] as? String
            pages += 1
            if pages == 1, let between { try await between() }
        } while next != nil && pages < 100
        return (ids, pages)
    }

    @Test func openAuctionsComeEndingSoonestFirstInCursorPagesThatCoverTheReadModelExactly() async throws {
        let node = try await WebTestbed.make()
        let history = try ProjectionHistory.generate(seed: 7, userCount: 6, auctionCount: 25, bidCount: 80)
        try await node.append(history.events)
        let expected = try await node.dependencies.reader.openAuctions(limit: 200).auctions.map(\.auctionID)
        #expect(expected.count >= 5)

        let walked = try await Self.walk(node, "/v1/auctions?limit=3")
        #expect(walked.ids == expected)
        #expect(walked.pages == (expected.count + 2) / 3)
        let explicit = try await Self.walk(node, "/v1/auctions?status=open&sort=ending_soon&limit=100")
        #expect(explicit.ids == expected)
        #expect(explicit.pages == 1)
        await node.close()
    }

    @Test func cursorPagesNeitherRepeatNorSkipWhileAuctionsAreAddedBetweenThem() async throws {
        let node = try await WebTestbed.make()
        let end = WebFixtures.start + 10_000_000
        let original = try (0..<12).map { try WebFixtures.auction("a-\($0)", endsAt: end + Int64($0) * 1_000) }
        try await node.append(original)
        // After the first page, auctions are listed that sort before, between and after the cursor.
        let walked = try await Self.walk(node, "/v1/auctions?limit=4") {
            let added = try [-1, 2, 5, 30].map { try WebFixtures.auction("b\($0)", endsAt: end + Int64($0) * 1_000 + 500) }
            try await node.append(added)
        }
        #expect(Set(walked.ids).count == walked.ids.count, "no auction is listed twice")
        let originals = walked.ids.filter { $0.hasPrefix("a-") }
        #expect(originals == (0..<12).map { "a-\($0)" }, "every auction that existed is listed once, in order")
        #expect(!walked.ids.contains("b-1"), "an auction inserted before the cursor is not listed on later pages")
        #expect(walked.ids.contains("b30"), "an auction inserted after the cursor is")
        await node.close()
    }

    @Test func aSellersAuctionsAreListedNewestFirstAndFilteredByStatus() async throws {
        let node = try await WebTestbed.make()
        var events = [WebFixtures.user("seller-1", name: "Sam"), WebFixtures.user("seller-2", name: "Kim")]
        for index in 0..<7 {
            events.append(try WebFixtures.auction("s1-\(index)", seller: "seller-1", endsAt: WebFixtures.start + 9_000_000, createdAt: WebFixtures.start + Int64(index)))
        }
        events.append(try WebFixtures.auction("s2-0", seller: "seller-2", endsAt: WebFixtures.start + 9_000_000))
        events.append(WebFixtures.cancelled("s1-3", version: 2))
        try await node.append(events)

        let all = try await Self.walk(node, "/v1/auctions?seller=seller-1&limit=2")
        #expect(all.ids == (0..<7).reversed().map { "s1-\($0)" })
        #expect(all.pages == 4)
        let open = try await Self.walk(node, "/v1/auctions?seller=seller-1&status=open&sort=newest")
        #expect(open.ids == [6, 5, 4, 2, 1, 0].map { "s1-\($0)" })
        let cancelled = try await Self.walk(node, "/v1/auctions?seller=seller-1&status=cancelled")
        #expect(cancelled.ids == ["s1-3"])
        let first = try WebFixtures.json(try await node.curl(["/v1/auctions?seller=seller-1&limit=1"]))
        let auction = try #require((first["auctions"] as? [[String: Any]])?.first)
        #expect((auction["seller"] as? [String: Any])?["displayName"] as? String == "Sam")
        await node.close()
    }

    @Test(arguments: [
        ("/v1/auctions?limit=0", "invalid_limit"), ("/v1/auctions?limit=101", "invalid_limit"), ("/v1/auctions?limit=ten", "invalid_limit"),
        ("/v1/auctions?cursor=not-a-cursor", "invalid_cursor"), ("/v1/auctions?cursor=%25%25", "invalid_cursor"),
        ("/v1/auctions?status=closed", "invalid_parameter"), ("/v1/auctions?sort=price", "invalid_parameter"),
        ("/v1/auctions?seller=x&status=sold", "invalid_parameter"), ("/v1/auctions?colour=red", "invalid_parameter"),
        ("/v1/auctions/nope/bids?limit=501", "invalid_limit"), ("/v1/auctions/nope/bids?cursor=abc", "invalid_cursor"),
    ])
    func badParametersGet400InTheSharedErrorShape(_ path: String, _ code: String) async throws {
        let node = try await WebTestbed.make()
        let output = try await node.curl(["-w", "\n%{http_code}", path])
        let lines = output.split(separator: "\n")
        #expect(lines.last == "400")
        let error = try #require(try WebFixtures.json(String(lines.dropLast().joined(separator: "\n")))["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
        let message = error["message"] as? String ?? ""
        #expect(!message.isEmpty)
        await node.close()
    }

    @Test func aCursorOfAnotherListingIsRefused() async throws {
        let node = try await WebTestbed.make()
        let sellerCursor = PageCursor.seller(sellerID: "x", createdAt: 1, auctionID: "a").token
        let openCursor = PageCursor.open(endsAt: 1, auctionID: "a").token
        let bidsCursor = PageCursor.bids(auctionID: "a", bidNumber: 1).token
        for path in ["/v1/auctions?cursor=\(sellerCursor)", "/v1/auctions?seller=y&cursor=\(sellerCursor)",
                     "/v1/auctions?seller=x&cursor=\(openCursor)", "/v1/auctions/b/bids?cursor=\(bidsCursor)"] {
            let status = try await node.curl(["-o", "/dev/null", "-w", "%{http_code}", path])
            #expect(status == "400", "\(path)")
        }
        await node.close()
    }
}
