import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The live hub as the pages' cache: a page view reads its topics' fragments from the hub, seeded
/// once however many views arrive together, kept warm within a bound and a delay, never kept for
/// an unknown auction, and handed over to the live subscription without gap or repeat.
@Suite struct PageCacheHubTests {
    let auction: AuctionID = "a1"

    static func hub(_ loader: LiveSeedLoader, maxIdleTopics: Int = 4096, teardownDelay: Duration = .seconds(3600)) -> LiveHub {
        var configuration = LiveHub.Configuration()
        configuration.maxIdleTopics = maxIdleTopics
        configuration.teardownDelay = teardownDelay
        configuration.epoch = "test-epoch"
        return LiveHub(catalog: TopicCatalog(loader: loader), configuration: configuration)
    }

    /// An auction the read model knows, created at position 1, seeded at `position`.
    static func known(_ id: AuctionID, position: Int64 = 1) throws -> TopicSeed<AuctionPanelState> {
        var state = AuctionPanelState.unknown
        state.apply(try LiveFixtures.created(1, id).envelope)
        return TopicSeed(position: position, state: state)
    }

    /// Seeds every auction as known (and without bids), counting the seed reads.
    static func knownLoader(calls: LiveFixtures.Calls) -> LiveSeedLoader {
        LiveSeedLoader(
            auction: { id in calls.count(); return try known(id) },
            bids: { _ in calls.count(); return TopicSeed(position: 1, state: BidHistoryState()) },
            home: { calls.count(); return TopicSeed(position: 1, state: HomeListState()) })
    }

    @Test func twoHundredConcurrentFirstViewsShareOneSeed() async throws {
        let calls = LiveFixtures.Calls(), gate = SeedGate()
        let loader = LiveSeedLoader(
            auction: { _ in calls.count(); return try await gate.wait() },
            bids: { _ in TopicSeed(position: 1, state: BidHistoryState()) },
            home: { TopicSeed(position: 1, state: HomeListState()) })
        let hub = Self.hub(loader)
        let topic = TopicName.auction(auction)
        let views = (0..<200).map { _ in Task { await hub.read([topic]) } }
        let deadline = ContinuousClock.now + .seconds(30)
        while await hub.pendingReads(of: topic) < 200, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await hub.pendingReads(of: topic) == 200, "all 200 views wait for the seed in flight")
        gate.open(try Self.known(auction, position: 7))
        for view in views {
            let read = try #require(await view.value)
            #expect(read.position == 7)
            let html = read.topics.first?.html?.rendered ?? ""
            #expect(html.contains("€10.00"))
        }
        #expect(calls.total == 1)
        let statistics = await hub.statistics
        #expect(statistics.seeds == 1)
        #expect(statistics.renders == 1)
        #expect(statistics.pageReads == 200)
    }

    @Test func aWarmTopicAnswersViewsWithoutSeedingAgainAndFollowsTheEvents() async throws {
        let calls = LiveFixtures.Calls()
        let hub = Self.hub(Self.knownLoader(calls: calls))
        let first = try #require(await hub.read([.auction(auction)]))
        #expect(first.position == 1)
        #expect(first.epoch == "test-epoch")
        await hub.process([
            LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1),
            try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1),
        ])
        let second = try #require(await hub.read([.auction(auction)]))
        #expect(second.position == 3)
        let html = second.topics.first?.html?.rendered ?? ""
        #expect(html.contains("€11.00"))
        #expect(html.contains("1 bid"))
        guard case .known(let snapshot)? = second.topics.first?.state as? AuctionPanelState else {
            Issue.record("no auction state")
            return
        }
        #expect(snapshot.leader == "bob")
        #expect(snapshot.title == "Lamp")
        #expect(calls.total == 1)
    }

    @Test func aViewAtPositionPThenASubscriptionAfterPGetsEachLaterChangeExactlyOnce() async throws {
        let hub = Self.hub(Self.knownLoader(calls: LiveFixtures.Calls()))
        let page = try #require(await hub.read([.auction(auction), .auctionBids(auction)]))
        #expect(page.position == 1)
        // A change between the view and the subscription is sent on subscribing, once.
        await hub.process([LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1)])
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction(auction), .auctionBids(auction)], after: page.position, sink: sink)
        #expect(sink.positions == [2, 2])
        await hub.process([try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1)])
        #expect(sink.positions == [2, 2, 3, 3])

        // A view at the current position hands over with nothing to resend.
        let later = try #require(await hub.read([.auction(auction), .auctionBids(auction)]))
        #expect(later.position == 3)
        let next = RecordingSink(id: 2)
        _ = await hub.subscribe([.auction(auction), .auctionBids(auction)], after: later.position, sink: next)
        #expect(next.received.isEmpty)
        await hub.process([LiveFixtures.bid(4, auction, version: 4, bidder: "eve", number: 2)])
        #expect(next.positions == [4, 4])
    }

    @Test func aViewWaitsUntilTheHubHasProcessedWhatTheProjectorAlreadyCommitted() async throws {
        let hub = Self.hub(Self.knownLoader(calls: LiveFixtures.Calls()))
        _ = try #require(await hub.read([.auction(auction)]))
        // The projector committed up to 3 and handed it over; the hub has not processed it yet.
        hub.announce(3)
        let view = Task { await hub.read([.auction(auction)]) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await hub.statistics.pageReads == 1, "the view waits for the hub")
        await hub.process([
            LiveFixtures.bid(2, auction, version: 2, bidder: "bob", number: 1),
            try LiveFixtures.price(3, auction, version: 3, leader: "bob", minorUnits: 1100, number: 1),
        ])
        let read = try #require(await view.value)
        #expect(read.position == 3)
        #expect(read.topics.first?.html?.rendered.contains("€11.00") == true)
    }

    @Test func nothingIsKeptForAuctionsTheReadModelDoesNotKnow() async throws {
        let calls = LiveFixtures.Calls()
        let hub = Self.hub(LiveFixtures.emptyLoader(calls: calls))
        for index in 0..<100 {
            let id = AuctionID("ghost-\(index)")
            let read = try #require(await hub.read([.auction(id), .auctionBids(id)]))
            #expect(read.topics.first?.state as? AuctionPanelState == .unknown)
            #expect(read.topics.first?.html == nil)
            await hub.forget([.auction(id), .auctionBids(id)])
        }
        #expect(await hub.topicCount == 0)
        #expect(await hub.idleTopicCount == 0)
        // Viewed again, an unknown auction is read again: its creation may have arrived since.
        _ = await hub.read([.auction("ghost-0")])
        #expect(calls.total == 201)
    }

    @Test(arguments: [1, 4, 10])
    func viewingOneAuctionMoreThanTheBoundKeepsAtMostTheBoundWarm(bound: Int) async throws {
        let calls = LiveFixtures.Calls()
        let hub = Self.hub(Self.knownLoader(calls: calls), maxIdleTopics: bound)
        for index in 0...bound { _ = try #require(await hub.read([.auction(AuctionID("a\(index)"))])) }
        #expect(await hub.idleTopicCount == bound)
        #expect(await hub.topicCount == bound)
        #expect(await hub.statistics.topicsEvicted == 1)
        // The least recently viewed went; the latest is still warm.
        _ = await hub.read([.auction(AuctionID("a\(bound)"))])
        #expect(calls.total == bound + 1)
        _ = await hub.read([.auction("a0")])
        #expect(calls.total == bound + 2)
    }

    @Test func aViewMakesATopicTheMostRecentlyUsedAndSubscribedTopicsAreNeverEvicted() async throws {
        let calls = LiveFixtures.Calls()
        let hub = Self.hub(Self.knownLoader(calls: calls), maxIdleTopics: 2)
        let sink = RecordingSink(id: 1)
        _ = await hub.subscribe([.auction("followed")], after: 0, sink: sink)
        for id in ["a0", "a1", "a0", "a2"] { _ = await hub.read([.auction(AuctionID(id))]) }
        #expect(await hub.idleTopicCount == 2)
        #expect(await hub.topicCount == 3)
        #expect(await hub.subscriberCount(.auction("followed")) == 1)
        let seeded = calls.total
        _ = await hub.read([.auction("a0")])
        _ = await hub.read([.auction("followed")])
        #expect(calls.total == seeded, "a0 (viewed again before a2) and the followed topic stayed warm")
        _ = await hub.read([.auction("a1")])
        #expect(calls.total == seeded + 1, "a1 was the least recently used")
    }

    @Test func viewsKeepATopicWarmPastTheDelayAndItGoesOnceTheyStop() async throws {
        let calls = LiveFixtures.Calls()
        let hub = Self.hub(Self.knownLoader(calls: calls), teardownDelay: .milliseconds(150))
        let stop = ContinuousClock.now + .milliseconds(600)
        while ContinuousClock.now < stop {
            _ = await hub.read([.auction(auction)])
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(calls.total == 1)
        let deadline = ContinuousClock.now + .seconds(10)
        while await hub.topicCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await hub.topicCount == 0)
        #expect(await hub.idleTopicCount == 0)
    }
}
