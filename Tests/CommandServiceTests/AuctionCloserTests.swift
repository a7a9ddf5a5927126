import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

@Suite struct AuctionCloserTests {
    @Test func twoClosersRacingCloseEachEndedAuctionExactlyOnce() async throws {
        try await CommandFixture.with { fixture in
            var auctions: [AuctionState] = []
            for index in 0..<6 { auctions.append(try await fixture.createAuction(reserve: index.isMultiple(of: 2) ? nil : 5_000)) }
            _ = try await fixture.bid(auctions[0].auctionID, by: "bob", 900)
            _ = try await fixture.bid(auctions[1].auctionID, by: "bob", 900)
            let now = try await fixture.redis.time().milliseconds
            for auction in auctions.dropLast() { try await fixture.moveEnd(of: auction.auctionID, to: now - 10) }

            let first = AuctionCloser(executor: fixture.instance())
            let second = AuctionCloser(executor: fixture.instance())
            async let closedByFirst = first.closeDue()
            async let closedBySecond = second.closeDue()
            let closed = try await closedByFirst + closedBySecond
            #expect(Set(closed) == Set(auctions.dropLast().map(\.auctionID)))
            #expect(closed.count == auctions.count - 1)

            for auction in auctions {
                let events = try await fixture.publicEvents(of: auction.auctionID)
                let closings = events.compactMap { if case .auctionClosed(let closed) = $0.event { closed } else { nil } }
                #expect(closings.count == (auction.auctionID == auctions.last?.auctionID ? 0 : 1))
            }
            let winner = try await fixture.publicEvents(of: auctions[0].auctionID).last
            guard case .auctionClosed(let settled)? = winner?.event else { Issue.record("not closed"); return }
            #expect(settled.winner == "bob")
            #expect(settled.finalPrice?.minorUnits == 500)
            let reserveNotMet = try await fixture.publicEvents(of: auctions[1].auctionID).last
            guard case .auctionClosed(let unsold)? = reserveNotMet?.event else { Issue.record("not closed"); return }
            #expect(unsold.winner == nil)
            #expect(!unsold.reserveMet)
            #expect(try await first.closeDue().isEmpty)
        }
    }
}
