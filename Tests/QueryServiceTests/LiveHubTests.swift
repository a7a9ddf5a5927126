import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The shared-subscription cache: computed once per node per event, replayed, distinct, shared
/// frames, reference counting with delayed teardown, limits.
@Suite struct LiveHubTests {
    let auction: AuctionID = "a1"

    @Test(arguments: [1, 100, 10_000])
    func computesEachEventOnceHoweverManySubscribers(subscribers: Int) async throws {
        let hub = LiveFixtures.hub()
        let sinks = (0..<subscribers).map { RecordingSink(id: UInt64($0)) }
        for sink in sinks { _ = await hub.subscribe([.auction(auction)], after: 0, sink: sink) }
        await hub.process([try LiveFixtures.created(1, auction)])
        await hub.process([LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1)])
        await hub.process([try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1)])
        await hub.process([try LiveFixtures.created(4, "other")])

        let statistics = await hub.statistics
        #expect(statistics.scans == 3)
        #expect(statistics.views == 4)  // the seed's, then one per folded event
        #expect(statistics.renders == 3)
        #expect(statistics.serializations == 3)
        #expect(statistics.seeds == 1)
        #expect(statistics.framesSent == 3 * subscribers)
        // Every connection got the very same three frame objects: serialized once, shared.
        let first = sinks[0].received
        #expect(first.count == 3)
        for sink in sinks {
            let frames = sink.received
            #expect(frames.count == 3)
            #expect(zip(frames, first).allSatisfy { $0 === $1 })
        }
    }

    @Test func replaysTheLatestValueToALateSubscriberWithoutSeedingAgain() async throws {
        let calls = LiveFixtures.Calls()
        let hub = LiveFixtures.hub(LiveFixtures.emptyLoader(calls: calls))
        let early = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: early)
        await hub.process([try LiveFixtures.created(1, auction), LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1)])
        let late = RecordingSink(id: 2)
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: late)

        #expect(calls.total == 1)
        let replayed = late.received
        #expect(replayed.count == 1)
        #expect(replayed.first === early.received.last)
        let html = late.messages.first?["html"] as? String ?? ""
        #expect(html.contains("1 bid"))
        #expect(late.positions == [2])
    }

    @Test func distinctSuppressesAnEventThatDoesNotChangeWhatIsShown() async throws {
        let hub = LiveFixtures.hub()
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: sink)
        await hub.process([try LiveFixtures.created(1, auction), try LiveFixtures.price(2, auction, version: 2, leader: "bob", minorUnits: 1100, number: 1)])
        // The same visible price and leader again (a leader raising their own maximum).
        await hub.process([try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 2)])

        let statistics = await hub.statistics
        #expect(statistics.scans == 3)
        #expect(statistics.renders == 1)
        #expect(sink.received.count == 1)
    }

    @Test func tearsATopicDownOnlyAfterItsLastSubscriberLeftAndTheDelayPassed() async throws {
        let hub = LiveFixtures.hub(teardownDelay: .milliseconds(50))
        let one = RecordingSink(id: 1), two = RecordingSink(id: 2)
        _ = await hub.subscribe([.home], after: 0, sink: one)
        _ = await hub.subscribe([.home], after: 0, sink: two)
        await hub.unsubscribe([.home], sinkID: 1)
        #expect(await hub.subscriberCount(.home) == 1)
        await hub.disconnect(2)
        #expect(await hub.topicCount == 1)  // still warm during the delay
        let deadline = ContinuousClock.now + .seconds(10)
        while await hub.topicCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await hub.topicCount == 0)
        #expect(await hub.statistics.topicsTornDown == 1)
    }

    @Test func keepsATopicWarmWhenSomeoneSubscribesAgainWithinTheDelay() async throws {
        let calls = LiveFixtures.Calls()
        let hub = LiveFixtures.hub(LiveFixtures.emptyLoader(calls: calls), teardownDelay: .milliseconds(200))
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.home], after: 0, sink: sink)
        await hub.unsubscribe([.home], sinkID: 1)
        _ = await hub.subscribe([.home], after: 0, sink: sink)
        try await Task.sleep(for: .milliseconds(400))
        #expect(await hub.topicCount == 1)
        #expect(calls.total == 1)
        #expect(await hub.statistics.topicsTornDown == 0)
    }

    @Test func refusesSubscriptionsOverThePerConnectionLimitAllOrNothing() async throws {
        let hub = LiveFixtures.hub(maxTopics: 2)
        let sink = RecordingSink(id: 1)
        #expect(await hub.subscribe([.home], after: 0, sink: sink) == .subscribed)
        let outcome = await hub.subscribe([.auction("x"), .auctionBids("x")], after: 0, sink: sink)
        #expect(outcome == .tooManyTopics(limit: 2))
        #expect(await hub.subscriberCount(.auction("x")) == 0)
        // Subscribing again to a topic already followed does not count twice.
        #expect(await hub.subscribe([.home, .auction("x")], after: 0, sink: sink) == .subscribed)
    }

    @Test func foldsOnlyEventsNewerThanTheSeedEvenWhenTheyArriveWhileItLoads() async throws {
        let gate = SeedGate()
        let loader = LiveSeedLoader(
            auction: { _ in try await gate.wait() },
            bids: { _ in TopicSeed(position: 0, state: BidHistoryState()) },
            home: { TopicSeed(position: 0, state: HomeListState()) })
        let hub = LiveFixtures.hub(loader)
        let sink = RecordingSink(id: 1)
        let subscription = Task { await hub.subscribe([.auction(auction)], after: 0, sink: sink) }
        try await gate.waitUntilCalled()
        // Positions 1-2 are in the seed; 3 and 4 are not.
        await hub.process([try LiveFixtures.created(1, auction), LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1)])
        await hub.process([try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1)])
        await hub.process([LiveFixtures.bid(4, auction, version: 4, bidder: "eve", number: 2)])
        var seeded = AuctionPanelState.unknown
        seeded.apply(try LiveFixtures.created(1, auction).envelope)
        seeded.apply(LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1).envelope)
        gate.open(TopicSeed(position: 2, state: seeded, names: ["bob": "Bob"]))
        #expect(await subscription.value == .subscribed)

        #expect(await hub.statistics.scans == 2)
        let html = sink.messages.last?["html"] as? String ?? ""
        #expect(html.contains("2 bids"))
        #expect(html.contains("Leading: <span class=\"name\">Bob</span>"))
        #expect(sink.positions == [4])
    }

    @Test func aFailedSeedSendsAnErrorFrameAndIsRetriedOnTheNextSubscription() async throws {
        struct Unavailable: Error {}
        let calls = LiveFixtures.Calls()
        let loader = LiveSeedLoader(
            auction: { _ in calls.count(); throw Unavailable() },
            bids: { _ in TopicSeed(position: 0, state: BidHistoryState()) },
            home: { TopicSeed(position: 0, state: HomeListState()) })
        let hub = LiveFixtures.hub(loader)
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: sink)
        #expect(sink.messages.first?["code"] as? String == "topic_unavailable")
        #expect(await hub.topicCount == 0)
        _ = await hub.subscribe([.auction(auction)], after: 0, sink: sink)
        #expect(calls.total == 2)
    }

    @Test func learnsDisplayNamesFromRegistrations() async throws {
        let hub = LiveFixtures.hub()
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auctionBids(auction)], after: 0, sink: sink)
        await hub.process([
            LiveFixtures.registered(1, "u-7", name: "<b>Zoë</b>"), try LiveFixtures.created(2, auction),
            LiveFixtures.bid(3, auction, version: 2, bidder: "u-7", number: 1),
            try LiveFixtures.price(4, auction, version: 3, leader: "u-7", minorUnits: 1100, number: 1),
        ])
        let html = sink.messages.last?["html"] as? String ?? ""
        #expect(html.contains("<span class=\"name\">&lt;b&gt;Zoë&lt;/b&gt;</span> <span class=\"price\">€11.00</span>"))
        #expect(sink.received.count == 1)
    }
}
