import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// Hot pages from the node's live hub, through the real server and read model: a warm page costs
/// no database query, concurrent first views of a cold page seed it once, and a page served from
/// the cache is byte for byte what a cold node renders from the read model.
@Suite struct PageCacheWebTests {
    static let browser = "0123456789abcdef0123456789abcdef"

    /// A GET of `path` as the router hands it to a page, from a browser that has its id cookie.
    static func request(_ path: String, id: String? = nil) -> HTTPRequest {
        var request = HTTPRequest(method: .get, path: path, headers: ["cookie": "\(Visitor.browserCookie)=\(browser)"])
        if let id { request.pathParameters["id"] = id }
        return request
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test(arguments: ["/", "/auctions/lamp"])
    func theSecondAndLaterViewsOfAWarmPageCostNoDatabaseQuery(path: String) async throws {
        let node = try await WebTestbed.make()
        try await WebPageTests.history(node)
        let queries = node.dependencies.reader.queries
        let session = node.dependencies.signer.issue(userID: "bob", expiresAt: Int64(Date().timeIntervalSince1970) + 600)
        let visitor = ["-b", "\(Visitor.browserCookie)=\(Self.browser)"]
        let member = ["-b", "\(Visitor.browserCookie)=\(Self.browser); \(Visitor.sessionCookie)=\(session)"]
        for cookies in [visitor, member] {
            let cold = queries.total
            let first = try await node.curl(cookies + [path])
            #expect(queries.total > cold, "the first view reads what the cache does not have yet")
            let warm = queries.total
            let second = try await node.curl(cookies + [path])
            let third = try await node.curl(cookies + [path])
            #expect(queries.total == warm, "\(path) warm: no query")
            // A signed-in bidder's form carries a fresh request key each time; nothing else differs.
            if cookies == visitor { #expect(second == third) }
            #expect(first.contains("data-live-topic"))
            #expect(second.contains(cookies == member ? "<span class=\"user\">Bob</span>" : "<a href=\"/login\">Log in</a>"))
        }
        await node.close()
    }

    @Test func twoHundredConcurrentFirstViewsOfAColdPageSeedEachTopicOnce() async throws {
        let node = try await WebTestbed.make()
        try await WebPageTests.history(node)
        let before = await node.hub.statistics
        let targets = Array(repeating: ["-o", "/dev/null", "/auctions/lamp"], count: 200).flatMap { $0 }
        let output = try await node.curl(["--no-progress-meter", "-Z", "--parallel-immediate", "--parallel-max", "200", "-w", "%{http_code}\n"] + targets)
        let statuses = output.split(separator: "\n")
        let others = statuses.filter { $0 != "200" }
        #expect(statuses.count == 200)
        #expect(others.isEmpty, "\(others)")
        let after = await node.hub.statistics
        #expect(after.pageReads - before.pageReads == 200)
        #expect(after.topicsCreated - before.topicsCreated == 2, "auction:lamp and auction:lamp:bids")
        #expect(after.seeds - before.seeds == 2, "one seed per topic for all 200 views")
        await node.close()
    }

    @Test func aCachedPageAfterABidIsByteForByteWhatAColdNodeRendersFromTheReadModel() async throws {
        let node = try await WebTestbed.make()
        try await WebPageTests.history(node)
        let auctionRequest = Self.request("/auctions/lamp", id: "lamp"), homeRequest = Self.request("/")
        let warmAuction = AuctionPage(dependencies: node.dependencies), warmHome = HomePage(dependencies: node.dependencies)
        _ = await warmAuction.show(auctionRequest)
        _ = await warmHome.show(homeRequest)
        try await node.append([WebFixtures.user("carol", name: "Carol")] + WebFixtures.bid("lamp", bidder: "carol", number: 2, version: 4, price: 1_500))

        let auction = Self.text(await warmAuction.show(auctionRequest))
        let home = Self.text(await warmHome.show(homeRequest))
        #expect(auction.contains("<strong>€15.00</strong>"))
        #expect(auction.contains("Leading: <span class=\"name\">Carol</span>"))
        #expect(home.contains("€15.00"))
        let warmSeeds = await node.hub.statistics.seeds
        #expect(warmSeeds == 3, "the bid was folded into the warm topics, not seeded again")

        // A node that has cached nothing renders the same pages from the read model.
        var configuration = LiveHub.Configuration()
        configuration.epoch = await node.hub.epoch
        let reader = node.dependencies.reader
        let coldHub = LiveHub(catalog: TopicCatalog(loader: LiveSeedLoader(reader: reader)), configuration: configuration)
        let cold = WebDependencies(reader: reader, hub: coldHub, commands: node.dependencies.commands, signer: node.dependencies.signer)
        let position = try await reader.position()
        let coldAuction = Self.text(await AuctionPage(dependencies: cold).show(auctionRequest))
        let coldHome = Self.text(await HomePage(dependencies: cold).show(homeRequest))
        #expect(await coldHub.statistics.seeds == 3)
        #expect(auction.contains("data-live-position=\"\(position)\""))
        #expect(auction == coldAuction)
        #expect(home == coldHome)
        await node.close()
    }

    @Test func anUnknownAuctionIs404AndLeavesNothingCached() async throws {
        let node = try await WebTestbed.make()
        try await WebPageTests.history(node)
        let page = AuctionPage(dependencies: node.dependencies)
        for index in 0..<20 {
            let response = await page.show(Self.request("/auctions/ghost-\(index)", id: "ghost-\(index)"))
            #expect(response.status == 404)
        }
        #expect(await node.hub.topicCount == 0)
        await node.close()
    }
}
