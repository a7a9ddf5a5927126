import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Issue #8, cross-site requests, over the wire against real processes: form posts without this
/// browser's CSRF token, with another browser's token, or from another site's page are refused
/// (403) and change nothing; the `/live` WebSocket refuses a foreign `Origin` on both nodes.
@Suite(.serialized) struct SecurityCSRFTests {
    static let evil = "https://evil.example"

    @Test func formPostsWithoutThisBrowsersTokenAreRefusedAndPlaceNoBid() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        let seller = Browser(base: cluster.baseA), bidder = Browser(base: cluster.baseA), stranger = Browser(base: cluster.baseA)
        for (browser, name) in [(seller, "Csrf Seller"), (bidder, "Csrf Bidder"), (stranger, "Csrf Stranger")] {
            let form = try await browser.get("/register")
            let registered = try await browser.submit(form, to: "/register", ["displayName": name, "password": "long password"])
            #expect(registered.status == 303)
        }
        let id = try await SecurityXSSTests.list(title: "Guarded lamp", description: "CSRF target", by: seller)
        let page = try await bidder.get("/auctions/\(id)")
        let ownToken = try #require(WebPageTests.csrf(in: page))
        let strangersToken = try #require(WebPageTests.csrf(in: try await stranger.get("/auctions/\(id)")))
        #expect(ownToken != strangersToken)
        let session = try #require(try bidder.cookie("auction_session"))
        let streamBefore = try await Self.streamLength(cluster)

        let bid = "/auctions/\(id)/bids"
        let refused: [(String, [String])] = [
            ("no token", ["-b", bidder.jar, "--data-binary", "maximum=20.00", bid]),
            ("empty token", ["-b", bidder.jar, "--data-binary", "maximum=20.00&csrf=", bid]),
            ("another browser's token", ["-b", bidder.jar, "--data-binary", "maximum=20.00&csrf=\(strangersToken)", bid]),
            ("token without its browser cookie", ["-b", "auction_session=\(session)", "--data-binary", "maximum=20.00&csrf=\(ownToken)", bid]),
            ("a forged token", ["-b", bidder.jar, "--data-binary", "maximum=20.00&csrf=\(String(ownToken.reversed()))", bid]),
            ("sell without token",
             ["-b", seller.jar, "--data-binary", "title=x&description=y&startingPrice=1.00&currency=EUR&durationMinutes=5", "/sell"]),
            ("register without token", ["-b", stranger.jar, "--data-binary", "displayName=Mallory&password=long+password", "/register"]),
            ("login without token", ["-b", stranger.jar, "--data-binary", "username=Csrf+Bidder&password=long+password", "/login"]),
            ("logout with another browser's token", ["-b", bidder.jar, "--data-binary", "csrf=\(strangersToken)", "/logout"]),
        ]
        for (what, arguments) in refused {
            let response = WebPageTests.split(try await bidder.curl(["-i"] + arguments))
            #expect(response.status == 403, "\(what)")
            #expect(response.body.contains("Form expired"), "\(what)")
            #expect(!response.headers.contains("set-cookie: auction_session="), "\(what): no session change")
        }
        #expect(try await Self.streamLength(cluster) == streamBefore, "no refused post reached the event log")
        let still = try WebFixtures.json(try await bidder.curl(["/v1/auctions/\(id)"]))
        #expect(still["bidCount"] as? Int == 0)

        // The same post with this browser's own token goes through: the refusals above were the token's doing.
        let placed = WebPageTests.split(try await bidder.curl(["-i", "-b", bidder.jar, "--data-binary", "maximum=20.00&csrf=\(ownToken)", bid]))
        #expect(placed.status == 303)
        let after = try WebFixtures.json(try await bidder.curl(["/v1/auctions/\(id)"]))
        #expect(after["bidCount"] as? Int == 1)
        await cluster.stop()
    }

    /// Another site's page cannot read the token, but SameSite=Lax is the only other barrier: an
    /// Origin or Referer naming another site must refuse the post even with cookies and token.
    @Test func formPostsFromAnotherSitesPageAreRefused() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        let seller = Browser(base: cluster.baseA), bidder = Browser(base: cluster.baseA)
        for (browser, name) in [(seller, "Origin Seller"), (bidder, "Origin Bidder")] {
            _ = try await browser.submit(try await browser.get("/register"), to: "/register", ["displayName": name, "password": "long password"])
        }
        let id = try await SecurityXSSTests.list(title: "Origin lamp", description: "Origin target", by: seller)
        let token = try #require(WebPageTests.csrf(in: try await bidder.get("/auctions/\(id)")))
        let bid = "/auctions/\(id)/bids"
        let body = "maximum=20.00&csrf=\(token)"
        let foreign: [(String, [String])] = [
            ("Origin", ["-H", "Origin: \(Self.evil)"]),
            ("Referer", ["-H", "Referer: \(Self.evil)/phish.html"]),
            ("null Origin", ["-H", "Origin: null"]),
        ]
        for (what, headers) in foreign {
            let response = WebPageTests.split(try await bidder.curl(["-i", "-b", bidder.jar] + headers + ["--data-binary", body, bid]))
            #expect(response.status == 403, "\(what)")
        }
        let unchanged = try WebFixtures.json(try await bidder.curl(["/v1/auctions/\(id)"]))
        #expect(unchanged["bidCount"] as? Int == 0)
        // Same-site Origin and Referer are fine.
        let local = WebPageTests.split(try await bidder.curl([
            "-i", "-b", bidder.jar, "-H", "Origin: \(cluster.baseA)", "-H", "Referer: \(cluster.baseA)/auctions/\(id)", "--data-binary", body, bid,
        ]))
        #expect(local.status == 303)
        await cluster.stop()
    }

    @Test func theLiveSocketRefusesAForeignOriginOnBothNodes() async throws {
        let cluster = try await EndToEndCluster.start()
        for node in [cluster.nodeA, cluster.nodeB] {
            let url = "ws://127.0.0.1:\(node.port)/live"
            for (origin, accepted) in [(Self.evil, false), ("http://127.0.0.1.evil.example", false), ("null", false),
                                       ("http://127.0.0.1:\(node.port)", true)] {
                let status = try await WebTestbed.clients.run { try ExternalClient.webSocket(["origin", url, origin]).first?.status }
                let line = try #require(status, "\(origin)")
                #expect(line.contains(" 101 ") == accepted, "\(node.port) \(origin): \(line)")
            }
        }
        await cluster.stop()
    }

    /// Entries in every stream of the event log: public and private auction partitions, users.
    static func streamLength(_ cluster: EndToEndCluster) async throws -> Int64 {
        let layout = cluster.projection.layout
        let streams = layout.publicStreams + (0..<layout.partitionCount).map { layout.privateStream(partition: $0) } + [EventStreamLayout.userStream]
        var total: Int64 = 0
        for stream in streams {
            guard case .integer(let length) = try await cluster.projection.redis.send(["XLEN", RedisArgument(stream)]) else {
                throw TestServerError("XLEN \(stream) gave no integer")
            }
            total += length
        }
        return total
    }
}
