import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The analyst views of docs/read-model.md agree with the history they summarise.
@Suite struct ReadModelViewsTests {
    @Test func summaryHistoryAndDailyVolumeAgreeWithTheDomainHistory() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 121, userCount: 20, auctionCount: 60, bidCount: 500)
        try await testbed.append(history.events)
        let projector = testbed.projector()
        try await testbed.projectUntilCaughtUp(projector)

        var bidders: [String: Set<String>] = [:]
        var extensions: [String: Int] = [:]
        for envelope in history.events {
            guard let auction = envelope.aggregate.auctionID?.rawValue else { continue }
            if case .bidAccepted(let bid) = envelope.event { bidders[auction, default: []].insert(bid.bidder.rawValue) }
            if case .endExtended = envelope.event { extensions[auction, default: 0] += 1 }
        }
        let summary = try await testbed.database.query(
            "SELECT auction_id, current_price_minor, final_price_minor, bid_count, distinct_bidders, extension_count, reserve_met FROM read_model.auction_summary")
        #expect(summary.count == history.states.count)
        for row in summary {
            let id = try row.decode(String.self, "auction_id")
            let state = try #require(history.states[AuctionID(id)])
            #expect(try row.decode(Int64.self, "current_price_minor") == state.price.minorUnits)
            #expect(try row.decode(Int64?.self, "final_price_minor") == (state.winner == nil ? nil : state.price.minorUnits))
            #expect(try row.decode(Int.self, "bid_count") == state.bidCount)
            #expect(try row.decode(Int.self, "distinct_bidders") == bidders[id, default: []].count)
            #expect(try row.decode(Int.self, "extension_count") == extensions[id, default: 0])
            #expect(try row.decode(Bool.self, "reserve_met") == state.reserveMet)
        }

        let bidHistory = try await testbed.database.query("SELECT count(*) AS n, count(bidder_name) AS named FROM read_model.bid_history")[0]
        let bidCount = history.states.values.map(\.bidCount).reduce(0, +)
        #expect(try bidHistory.decode(Int.self, "n") == bidCount)
        #expect(try bidHistory.decode(Int.self, "named") == bidCount)

        let volume = try await testbed.database.query(
            "SELECT sum(auctions_closed) AS closed, sum(auctions_sold) AS sold, sum(sold_volume_minor) AS volume FROM read_model.daily_volume")[0]
        let closed = history.states.values.filter { $0.phase == .closed }
        let sold = closed.filter { $0.winner != nil }
        #expect(try volume.decode(Int.self, "closed") == closed.count)
        #expect(try volume.decode(Int.self, "sold") == sold.count)
        #expect(try volume.decode(Int64.self, "volume") == sold.map(\.price.minorUnits).reduce(0, +))
        await projector.close()
        await testbed.close()
    }
}
