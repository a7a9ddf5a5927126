import AuctionDomain
import Foundation
import Testing
@testable import QueryService

/// Two nodes on the same event streams, each with its own read model, answer the same REST
/// bodies and render the same page fragments (positions and per-browser tokens aside).
@Suite struct WebTwoNodeTests {
    @Test func restAndPagesFromTwoNodesAgree() async throws {
        let nodeA = try await WebTestbed.make()
        let nodeB = try await WebTestbed.makeSecond(beside: nodeA)
        let history = try ProjectionHistory.generate(seed: 23, userCount: 8, auctionCount: 12, bidCount: 90)
        try await nodeA.append(history.events)
        try await Self.waitUntil(nodeB, hasAtLeast: try await nodeA.dependencies.reader.position())

        var paths = ["/v1/auctions?limit=100", "/v1/auctions?limit=3"]
        for id in history.states.keys.map(\.rawValue).sorted() { paths += ["/v1/auctions/\(id)", "/v1/auctions/\(id)/bids"] }
        for user in history.users.keys.map(\.rawValue).sorted() { paths += ["/v1/users/\(user)", "/v1/auctions?seller=\(user)"] }
        for path in paths {
            let a = try await nodeA.curl([path]), b = try await nodeB.curl([path])
            #expect(a == b, "\(path)")
            #expect(a.hasPrefix("{"), "\(path)")
        }
        for id in history.states.keys.map(\.rawValue).sorted() {
            let a = Self.comparable(try await nodeA.curl(["/auctions/\(id)"]))
            let b = Self.comparable(try await nodeB.curl(["/auctions/\(id)"]))
            #expect(a == b, "/auctions/\(id)")
            #expect(a.contains("id=\"price-\(id)\""))
        }
        #expect(Self.comparable(try await nodeA.curl(["/"])) == Self.comparable(try await nodeB.curl(["/"])))
        await nodeB.close()
        await nodeA.close()
    }

    /// The page without what is node- or browser-specific: the live position and epoch.
    static func comparable(_ page: String) -> String {
        guard let start = page.range(of: "<main>"), let end = page.range(of: "</main>") else { return page }
        return String(page[start.lowerBound..<end.upperBound])
    }

    static func waitUntil(_ node: WebTestbed, hasAtLeast position: Int64) async throws {
        // Positions are node-local, but both nodes fold the same events: equal counts mean caught up.
        for _ in 0..<1_000 {
            if try await node.dependencies.reader.position() >= position { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the second node did not catch up")
    }
}
