import AuctionDomain
import Testing

@Suite struct ReplayTests {
    private func history() throws -> [DomainEvent] {
        var harness = try AuctionHarness(draft(reserve: eur(5_00)))
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(8_00)).accepted()
        return harness.log
    }

    @Test func mergingTheTwoStreamsRestoresTheLog() throws {
        let log = try history()
        let merged = DomainEvent.merge(public: log.compactMap(\.publicEnvelope), private: log.compactMap(\.privateEnvelope))
        #expect(merged == log)
    }

    @Test func historyMustStartWithCreation() throws {
        let log = try history()
        #expect(throws: EventReplayError.notCreatedYet) { try Auction.replay(log.dropFirst()) }
    }

    @Test func gapsAndDuplicatesAreRejected() throws {
        let log = try history()
        let withoutThird = log.enumerated().filter { $0.offset != 2 }.map(\.element)
        #expect(throws: EventReplayError.self) { try Auction.replay(withoutThird) }
        #expect(throws: EventReplayError.self) { try Auction.replay(log + [log[log.count - 1]]) }
    }

    @Test func eventsOfAnotherAuctionAreRejected() throws {
        let log = try history()
        guard case .public(let envelope) = log[2] else { Issue.record("expected public"); return }
        let foreign = PublicEventEnvelope(aggregate: .auction("other"), version: envelope.version, commandID: "c",
                                          timestamp: t0, event: envelope.event)
        let state = try Auction.replay(log.prefix(2))
        #expect(throws: EventReplayError.wrongAggregate(expected: auctionID, actual: .auction("other"))) {
            try Auction.apply(state, .public(foreign))
        }
    }

    @Test func userEventsDoNotBelongInAnAuction() throws {
        let log = try history()
        let state = try Auction.replay(log)
        let user = PublicEventEnvelope(aggregate: .auction(auctionID), version: (state?.version ?? 0) + 1, commandID: "c",
                                       timestamp: t0, event: .userRegistered(UserRegistered(userID: alice, displayName: "A")))
        #expect(throws: EventReplayError.notAnAuctionEvent("userRegistered")) { try Auction.apply(state, .public(user)) }
    }
}
