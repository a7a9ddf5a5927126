import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The three topics' folds, through the hub: what each shows after which events.
@Suite struct LiveRecipeTests {
    @Test func theHomeListShowsOpenAuctionsEndingSoonestAndDropsClosedOnes() async throws {
        let hub = LiveHub(catalog: TopicCatalog(loader: LiveFixtures.emptyLoader(), homeLimit: 2))
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.home], after: 0, sink: sink)
        func auction(_ position: Int64, _ id: AuctionID, endsAt: EpochMilliseconds) throws -> CommittedEvent {
            LiveFixtures.event(position, id, version: 1, .auctionCreated(AuctionCreated(
                seller: "s", title: "Item \(id)", description: "", startingPrice: try LiveFixtures.money(100), hasReserve: false,
                startsAt: 0, endsAt: endsAt, softClose: .standard)))
        }
        await hub.process([try auction(1, "late", endsAt: 3_000), try auction(2, "soon", endsAt: 1_000), try auction(3, "mid", endsAt: 2_000)])
        let first = sink.messages.last?["html"] as? String ?? ""
        #expect(first.contains("Item soon"))
        #expect(first.contains("Item mid"))
        #expect(!first.contains("Item late"))
        #expect(first.range(of: "Item soon")!.lowerBound < first.range(of: "Item mid")!.lowerBound)

        await hub.process([LiveFixtures.event(4, "soon", version: 2, .auctionClosed(AuctionClosed(winner: nil, finalPrice: nil, reserveMet: true, bidCount: 0)))])
        let second = sink.messages.last?["html"] as? String ?? ""
        #expect(!second.contains("Item soon"))
        #expect(second.contains("Item late"))

        // A change outside the shown window does not produce a frame (distinct).
        let before = sink.received.count
        await hub.process([try auction(5, "far", endsAt: 9_000)])
        #expect(sink.received.count == before)
    }

    @Test func theBidListPairsEachBidWithThePriceItProducedNewestFirst() async throws {
        let hub = LiveFixtures.hub()
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auctionBids("a1")], after: 0, sink: sink)
        await hub.process([
            try LiveFixtures.created(1, "a1"),
            LiveFixtures.bid(2, "a1", version: 2, bidder: "bob", number: 1),
            try LiveFixtures.price(3, "a1", version: 3, leader: "bob", minorUnits: 1000, number: 1),
            LiveFixtures.bid(4, "a1", version: 4, bidder: "eve", number: 2),
            try LiveFixtures.price(5, "a1", version: 5, leader: "eve", minorUnits: 1100, number: 2),
        ])
        let html = sink.messages.last?["html"] as? String ?? ""
        #expect(html.contains(#"<li value="2"><span class="name">eve</span> <span class="price">€11.00</span>"#))
        #expect(html.contains(#"<li value="1"><span class="name">bob</span> <span class="price">€10.00</span>"#))
        #expect(html.range(of: "value=\"2\"")!.lowerBound < html.range(of: "value=\"1\"")!.lowerBound)
    }

    @Test func thePricePanelFollowsExtensionsAndTheClose() async throws {
        let hub = LiveFixtures.hub()
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction("a1")], after: 0, sink: sink)
        await hub.process([
            try LiveFixtures.created(1, "a1"),
            LiveFixtures.registered(2, "bob", name: "Bob"),
            LiveFixtures.bid(3, "a1", version: 2, bidder: "bob", number: 1),
            try LiveFixtures.price(4, "a1", version: 3, leader: "bob", minorUnits: 1000, number: 1),
            LiveFixtures.event(5, "a1", version: 4, .endExtended(EndExtended(endsAt: 0))),
        ])
        let extended = sink.messages.last?["html"] as? String ?? ""
        #expect(extended.contains(#"<time datetime="1970-01-01T00:00:00Z" data-countdown>"#))
        await hub.process([LiveFixtures.event(6, "a1", version: 5, .auctionClosed(AuctionClosed(
            winner: "bob", finalPrice: try LiveFixtures.money(1000), reserveMet: true, bidCount: 1)))])
        let closed = sink.messages.last?["html"] as? String ?? ""
        #expect(closed.contains(#"Sold to <span class="name">Bob</span>"#))
        #expect(closed.contains("Ended <time"))
    }
}
