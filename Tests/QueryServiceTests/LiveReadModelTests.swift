import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The live topics against the real projection: seeds read from a PostgreSQL read model, events
/// published by the projector after each commit. Folding live events over an old seed must show
/// exactly what a fresh seed of the final read model shows.
@Suite struct LiveReadModelTests {
    @Test func liveFoldingOverAnEarlySeedMatchesASeedOfTheFinalReadModel() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 11, userCount: 12, auctionCount: 8, bidCount: 120)
        let half = history.events.count / 2
        let publisher = CommittedEventPublisher()
        let projector = testbed.projector(publisher: publisher)
        try await testbed.append(history.events.prefix(half))
        try await testbed.projectUntilCaughtUp(projector)

        let reader = ReadModelReader(database: testbed.database)
        let live = LiveFixtures.hub(LiveSeedLoader(reader: reader), maxTopics: 100)
        let feed = LiveEventFeed(hub: live)
        publisher.add(feed)
        let auctions = history.states.keys.sorted { $0.rawValue < $1.rawValue }
        let topics = [TopicName.home] + auctions.flatMap { [TopicName.auction($0), .auctionBids($0)] }
        let page = RecordingSink(id: 1)
        let renderedAt = try await reader.position()
        #expect(await live.subscribe(topics, after: renderedAt, sink: page) == .subscribed)

        try await testbed.append(history.events.dropFirst(half))
        try await testbed.projectUntilCaughtUp(projector)
        await feed.finish()
        #expect(await live.statistics.seeds == topics.count)
        #expect(!page.received.isEmpty)
        #expect(page.positions.allSatisfy { $0 > renderedAt })

        // A node that seeds everything from the final read model.
        let fresh = LiveFixtures.hub(LiveSeedLoader(reader: reader), maxTopics: 100)
        let expected = RecordingSink(id: 2), actual = RecordingSink(id: 3)
        _ = await fresh.subscribe(topics, after: 0, sink: expected)
        _ = await live.subscribe(topics, after: 0, sink: actual)
        let expectedHTML = Self.fragments(expected), actualHTML = Self.fragments(actual)
        #expect(expectedHTML.count == topics.count)
        for topic in topics {
            #expect(actualHTML[topic.description] == expectedHTML[topic.description], "\(topic)")
        }
        // What the page saw last of each topic is that same final state.
        let pageHTML = Self.fragments(page)
        for (topic, html) in pageHTML { #expect(html == expectedHTML[topic], "\(topic)") }

        await projector.close()
        await testbed.close()
    }

    /// The latest HTML per topic.
    static func fragments(_ sink: RecordingSink) -> [String: String] {
        var latest: [String: String] = [:]
        for message in sink.messages {
            if let topic = message["topic"] as? String, let html = message["html"] as? String { latest[topic] = html }
        }
        return latest
    }
}
