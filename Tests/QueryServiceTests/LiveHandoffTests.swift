import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// Gap-free handoff: a page rendered at position P subscribes with `after: P` and receives
/// exactly the changes after P, each once, whether the topic is at, behind or ahead of P.
@Suite struct LiveHandoffTests {
    let auction: AuctionID = "a1"

    /// A hub whose `auction:a1` topic is warm and at position 3 (created, bid, price).
    func warmHub() async throws -> LiveHub {
        let hub = LiveFixtures.hub()
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: RecordingSink(id: 99))
        await hub.process([
            try LiveFixtures.created(1, auction), LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1),
            try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1),
        ])
        return hub
    }

    func nextBid(_ position: Int64, version: Int64, number: Int) -> CommittedEvent {
        LiveFixtures.bid(position, auction, version: version, bidder: "eve", number: number)
    }

    @Test func aPageAtTheTopicsPositionGetsNothingOnSubscribingThenEachLaterChangeOnce() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 3, sink: page)
        #expect(page.received.isEmpty)
        await hub.process([nextBid(4, version: 4, number: 2)])
        await hub.process([nextBid(5, version: 5, number: 3)])
        #expect(page.positions == [4, 5])
    }

    @Test func aPageOlderThanTheTopicGetsTheCurrentValueOnceThenLaterChanges() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 1, sink: page)
        #expect(page.positions == [3])
        let current = page.messages.first?["html"] as? String ?? ""
        #expect(current.contains("€11.00"))
        await hub.process([nextBid(4, version: 4, number: 2)])
        #expect(page.positions == [3, 4])
    }

    @Test func aPageNewerThanTheTopicWaitsForChangesAfterItsOwnPosition() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        // Rendered at 6: the node's read model is ahead of the hub, which has processed up to 3.
        _ = await hub.subscribe([.auction(auction)], after: 6, sink: page)
        #expect(page.received.isEmpty)
        await hub.process([nextBid(4, version: 4, number: 2)])  // already on the page
        await hub.process([try LiveFixtures.created(5, "unrelated")])
        await hub.process([nextBid(6, version: 5, number: 3)])  // already on the page
        #expect(page.received.isEmpty)
        await hub.process([nextBid(7, version: 6, number: 4)])
        #expect(page.positions == [7])
        let html = page.messages.last?["html"] as? String ?? ""
        #expect(html.contains("4 bids"))
    }

    @Test func aBatchSpanningThePagesPositionIsSentBecauseItHoldsANewerChange() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 4, sink: page)
        await hub.process([nextBid(4, version: 4, number: 2), nextBid(5, version: 5, number: 3)])
        #expect(page.positions == [5])
    }

    @Test func eventsAlreadyInTheSeedsDataAreNotFoldedTwice() async throws {
        // The seed was read at position 2, but its data already includes the bid at position 3
        // (the read model is read after its position): version 3 must not count again.
        var seeded = AuctionPanelState.unknown
        seeded.apply(try LiveFixtures.created(1, auction).envelope)
        seeded.apply(LiveFixtures.bid(3, auction, version: 2, bidder: "bob", number: 1).envelope)
        let seed = TopicSeed(position: 2, state: seeded)
        let loader = LiveSeedLoader(
            auction: { _ in seed },
            bids: { _ in TopicSeed(position: 0, state: BidHistoryState()) },
            home: { TopicSeed(position: 0, state: HomeListState()) })
        let hub = LiveFixtures.hub(loader)
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 2, sink: page)
        await hub.process([LiveFixtures.bid(3, auction, version: 2, bidder: "bob", number: 1)])
        #expect(page.received.isEmpty)
        await hub.process([LiveFixtures.bid(4, auction, version: 3, bidder: "eve", number: 2)])
        let html = page.messages.last?["html"] as? String ?? ""
        #expect(html.contains("2 bids"))
        #expect(page.positions == [4])
    }

    @Test func aPositionFromAnotherEpochIsResyncedWithTheCurrentValue() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 50, epoch: "another-node", sink: page)
        let types = page.messages.map { $0["type"] as? String ?? "" }
        #expect(types == ["resync", "update"])
        #expect(page.messages.first?["epoch"] as? String == "test-epoch")
        #expect(page.positions == [3])
    }

    @Test func aReplacedReadModelTellsEveryConnectionToResubscribeOnce() async throws {
        let hub = try await warmHub()
        let page = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction), .auctionBids(auction)], after: 3, sink: page)
        await hub.readModelReplaced(position: 10, newEpoch: "rebuilt")
        let messages = page.messages
        #expect(messages.count == 1)
        #expect(messages.first?["type"] as? String == "resync")
        #expect(messages.first?["resubscribe"] as? Bool == true)
        #expect(await hub.topicCount == 0)
        #expect(await hub.epoch == "rebuilt")
    }
}
