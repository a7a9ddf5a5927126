import AuctionDomain
import Testing

/// Classic eBay cases worked out by hand. Starting price 1.00 EUR unless stated.
@Suite struct ProxyBiddingScenarioTests {
    @Test func firstBidLeadsAtTheStartingPrice() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        #expect(harness.state?.leader == alice && harness.state?.price == eur(1_00))
        #expect(harness.state?.minimumBid == eur(1_25))
    }

    @Test func higherMaximumLeadsAtOneIncrementAboveTheRunnerUp() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(8_00)).accepted()
        // A max 10, B max 8: A leads at 8.00 + 0.50.
        #expect(harness.state?.leader == alice && harness.state?.price == eur(8_50))
        try harness.bid(bob, eur(12_00)).accepted()
        // B max 12 beats A max 10: B leads at 10.00 + 0.50.
        #expect(harness.state?.leader == bob && harness.state?.price == eur(10_50))
    }

    @Test func priceIsCappedAtTheLeadersMaximum() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(9_80)).accepted()
        #expect(harness.state?.leader == alice && harness.state?.price == eur(10_00))
    }

    @Test func equalMaximumsGoToTheEarlierBid() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(10_00)).accepted()
        #expect(harness.state?.leader == alice && harness.state?.price == eur(10_00))
        #expect(harness.state?.bidCount == 2)
    }

    @Test func leaderRaisingOwnMaximumDoesNotRaiseThePrice() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(8_00)).accepted()
        let events = try harness.bid(alice, eur(20_00)).get()
        #expect(harness.state?.price == eur(8_50) && harness.state?.leaderMaximum == eur(20_00))
        #expect(events.compactMap(\.publicEnvelope?.event.typeName) == ["bidAccepted"])
    }

    @Test func reserveIsMetAsSoonAsTheLeadersMaximumReachesIt() throws {
        var harness = try AuctionHarness(draft(reserve: eur(50_00)))
        try harness.bid(alice, eur(30_00)).accepted()
        #expect(harness.state?.price == eur(1_00) && harness.state?.reserveMet == false)
        try harness.bid(alice, eur(60_00)).accepted()
        #expect(harness.state?.price == eur(50_00) && harness.state?.reserveMet == true)
        let change = harness.publicEvents.last
        #expect(change == .priceChanged(PriceChanged(price: eur(50_00), leader: alice, reserveMet: true)))
    }

    @Test func softCloseExtendsTheEndOnlyForBidsInTheWindow() throws {
        let end = t0 + hour
        var harness = try AuctionHarness(draft(endsAt: end))
        try harness.bid(alice, eur(5_00), at: end - 121_000).accepted()
        #expect(harness.state?.endsAt == end)
        try harness.bid(bob, eur(6_00), at: end - 30_000).accepted()
        #expect(harness.state?.endsAt == end + 90_000)
        #expect(harness.publicEvents.last == .endExtended(EndExtended(endsAt: end + 90_000)))
        // The old end has passed, but the auction runs on.
        try harness.bid(alice, eur(8_00), at: end + 1_000).accepted()
        #expect(harness.state?.leader == alice && harness.state?.endsAt == end + 121_000)
        #expect(try harness.run(.close, at: end + 121_000).violation == nil)
        #expect(harness.state?.winner == alice)
    }

    @Test func windowOfZeroNeverExtends() throws {
        let end = t0 + hour
        var harness = try AuctionHarness(draft(endsAt: end, softClose: SoftClosePolicy(windowSeconds: 0, extensionSeconds: 120)))
        try harness.bid(alice, eur(5_00), at: end - 1).accepted()
        #expect(harness.state?.endsAt == end)
    }

    @Test func reserveNotMetClosesWithoutAWinner() throws {
        var harness = try AuctionHarness(draft(reserve: eur(100_00)))
        try harness.bid(alice, eur(40_00)).accepted()
        try harness.bid(bob, eur(60_00)).accepted()
        try harness.run(.close, at: t0 + hour).accepted()
        #expect(harness.publicEvents.last == .auctionClosed(AuctionClosed(winner: nil, finalPrice: nil, reserveMet: false, bidCount: 2)))
        #expect(harness.state?.phase == .closed && harness.state?.winner == nil)
    }

    @Test func closeAwardsTheLeaderAtTheVisiblePrice() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(8_00)).accepted()
        #expect(harness.state?.isDueForClose(at: t0 + hour) == true)
        try harness.run(.close, at: t0 + hour).accepted()
        #expect(harness.publicEvents.last == .auctionClosed(AuctionClosed(winner: alice, finalPrice: eur(8_50), reserveMet: true, bidCount: 2)))
    }

    @Test func closeWithoutBidsHasNoWinner() throws {
        var harness = try AuctionHarness(draft())
        try harness.run(.close, at: t0 + hour).accepted()
        #expect(harness.publicEvents.last == .auctionClosed(AuctionClosed(winner: nil, finalPrice: nil, reserveMet: true, bidCount: 0)))
    }

    @Test func sellerCancelsBeforeAnyBid() throws {
        var harness = try AuctionHarness(draft())
        try harness.run(.cancel(actor: seller), at: t0 + 5).accepted()
        #expect(harness.state?.phase == .cancelled)
    }

    @Test func aBidProducesOnePrivateMaximumAndNoPublicMaximum() throws {
        var harness = try AuctionHarness(draft())
        try harness.bid(alice, eur(10_00)).accepted()
        let events = try harness.bid(bob, eur(8_00)).get()
        #expect(events.map(\.version) == [4, 4, 5])
        #expect(events.compactMap(\.privateEnvelope?.event) == [.maximumRecorded(MaximumRecorded(bidder: bob, maximum: eur(8_00)))])
        #expect(events.compactMap(\.publicEnvelope?.event) == [
            .bidAccepted(BidAccepted(bidder: bob, bidNumber: 2)),
            .priceChanged(PriceChanged(price: eur(8_50), leader: alice, reserveMet: true)),
        ])
    }
}
