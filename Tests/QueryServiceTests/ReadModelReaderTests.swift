import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The typed queries pages and the REST API use.
@Suite struct ReadModelReaderTests {
    @Test func readersPageOpenAuctionsByEndTimeAndListASellersAuctions() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 11, userCount: 10, auctionCount: 45, bidCount: 200)
        try await testbed.append(history.events)
        let projector = testbed.projector()
        try await testbed.projectUntilCaughtUp(projector)
        let reader = ReadModelReader(database: testbed.database)
        var seen: [AuctionRecord] = []
        var cursor: OpenAuctionsCursor?
        repeat {
            let page = try await reader.openAuctions(after: cursor.flatMap { OpenAuctionsCursor(token: $0.token) }, limit: 7)
            seen += page.auctions
            cursor = page.next
        } while cursor != nil
        let open = history.states.values.filter { $0.phase == .open }
        #expect(seen.map(\.auctionID).sorted() == open.map(\.auctionID.rawValue).sorted())
        #expect(seen.map { [$0.endsAt] } == seen.map { [$0.endsAt] }.sorted { $0[0] < $1[0] })
        let seller = try #require(history.states.values.first?.seller)
        let listed = try await reader.auctions(ofSeller: seller.rawValue)
        #expect(Set(listed.map(\.auctionID)) == Set(history.states.values.filter { $0.seller == seller }.map(\.auctionID.rawValue)))
        #expect(OpenAuctionsCursor(token: "no-dot") == nil)
        #expect(OpenAuctionsCursor(token: "12.") == nil)
        await projector.close()
        await testbed.close()
    }

    @Test func unknownIdsAnswerNilAndAnEmptyModelHasPositionZero() async throws {
        let testbed = try await ProjectionTestbed.make()
        let reader = ReadModelReader(database: testbed.database)
        #expect(try await reader.position() == 0)
        #expect(try await reader.auction("nope") == nil)
        #expect(try await reader.user("nobody") == nil)
        #expect(try await reader.bids(of: "nope").isEmpty)
        let page = try await reader.openAuctions()
        #expect(page.auctions.isEmpty && page.next == nil)
        await testbed.close()
    }

    @Test func aWrittenEntryIsReportedAppliedOnceTheProjectionPassedIt() async throws {
        let testbed = try await ProjectionTestbed.make()
        let event = try UserRegistration.register(userID: "u-ryw", displayName: "Rye", commandID: "c1", now: 1_000).get()
        let reply = try await testbed.redis.send([
            "XADD", RedisArgument(EventStreamLayout.userStream), "*", "type", "userRegistered", "event", RedisArgument(Array(try event.jsonData())),
        ])
        let entryID = try #require(reply.string.flatMap(RedisStreamEntryID.init))
        let reader = ReadModelReader(database: testbed.database)
        #expect(try await !reader.hasApplied(stream: EventStreamLayout.userStream, entryID: entryID))
        let projector = testbed.projector()
        try await testbed.projectUntilCaughtUp(projector)
        #expect(try await reader.hasApplied(stream: EventStreamLayout.userStream, entryID: entryID))
        #expect(try await reader.checkpoints()[EventStreamLayout.userStream] == entryID)
        await projector.close()
        await testbed.close()
    }
}
