import AuctionDomain
import Foundation
import Shared
import Synchronization

/// The shared-subscription cache: every live topic of this node, computed once per event on this
/// actor (the one serial executor for topic computation) and fanned out to its subscribers. It
/// is also the pages' cache: a page view reads its topics' current fragments from here.
///
/// Committed events arrive in position order through ``process(_:)``. Each topic is created on
/// its first subscription or page view, seeded from the read model once (concurrent first users
/// share that seed), fed only the events routed to it, and rendered once per change: its update
/// frame is serialized once and the same ``WebSocketFrame`` is queued on every subscribed
/// connection, under the topic's name as the conflation key, so a slow reader gets the latest
/// state of a fragment rather than a backlog; pages reuse the same rendered HTML.
///
/// A topic without subscribers stays warm for page views: at most
/// ``Configuration/maxIdleTopics`` of them (least recently used dropped first), each until
/// ``Configuration/teardownDelay`` passes without a view. A topic with nothing to show (an
/// auction the read model does not have) is not kept without subscribers, so unknown ids cannot
/// fill the memory.
///
/// Gap-free handoff: a subscriber says which position its page shows (`after`). It receives the
/// current value on subscribing only if the value changed after that position, and later only
/// the changes made by events after it.
actor LiveHub {
    struct Configuration: Sendable {
        /// How long an unsubscribed topic stays warm after its last page view (or last subscriber).
        var teardownDelay: Duration = .seconds(30)
        /// How many unsubscribed topics stay warm at most.
        var maxIdleTopics = 4096
        /// How long a page view waits for the hub to process events the projector already
        /// committed (see ``read(_:atLeast:)``).
        var catchUpTimeout: Duration = .seconds(2)
        var maxTopicsPerConnection = 32
        /// Names this node's position scale; pages embed it, and a subscription from another
        /// epoch is resynced. Random per process unless the service sets one.
        var epoch = UUID().uuidString
    }

    enum SubscribeOutcome: Sendable, Equatable {
        case subscribed
        case tooManyTopics(limit: Int)
    }

    struct Subscriber {
        let sink: any LiveSink
        let after: Int64
    }

    struct Entry {
        let node: any TopicNode
        var subscribers: [UInt64: Subscriber] = [:]
        /// Page views waiting for the seed; each gets the value as seeded (nil if it failed).
        var waiters: [CheckedContinuation<TopicRead?, Never>] = []
        /// The pending teardown of an idle topic.
        var teardownToken: UInt64?
        /// The last page view or departing subscriber, from which the idle delay counts.
        var lastUsed = ContinuousClock.now
    }

    let configuration: Configuration
    let catalog: TopicCatalog
    var entries: [TopicName: Entry] = [:]
    var connections: [UInt64: Set<TopicName>] = [:]
    /// The warm topics without subscribers, by recency of use.
    var idle = IdleTopics()
    /// The position of the last batch the projector committed and handed to the feed, which may
    /// be ahead of ``processed``: page views wait until the hub has caught up with it.
    let announced = Atomic<Int64>(0)
    var names = NameDirectory()
    /// The position of the last committed event processed.
    var processed: Int64 = 0
    var tokens: UInt64 = 0
    /// The current epoch: ``Configuration/epoch`` until the read model is replaced.
    var epoch: String
    /// Work counters, for tests and metrics.
    var statistics = LiveStatistics()

    init(catalog: TopicCatalog, configuration: Configuration = Configuration()) {
        self.catalog = catalog
        self.configuration = configuration
        self.epoch = configuration.epoch
    }

    /// Folds a batch of committed events (in position order) into the topics they concern, then
    /// sends each changed topic's one new frame to the subscribers whose page predates the change.
    func process(_ events: [CommittedEvent]) {
        var folded: [TopicName: Int64] = [:]
        for event in events where event.position > processed {
            processed = event.position
            names.observe(event.envelope)
            for topic in Self.routes(of: event.envelope) {
                guard let node = entries[topic]?.node else { continue }
                if node.offer(event, statistics: &statistics) { folded[topic] = event.position }
            }
        }
        for (topic, lastFolded) in folded {
            guard let entry = entries[topic], entry.node.settle(at: processed, names: names, statistics: &statistics),
                  let update = entry.node.update else { continue }
            for subscriber in entry.subscribers.values where lastFolded > subscriber.after {
                deliver(update, of: topic, to: subscriber.sink)
            }
        }
    }

    /// The topics an event can concern: its auction's two topics and the home list. Registrations
    /// only feed the name directory.
    static func routes(of envelope: PublicEventEnvelope) -> [TopicName] {
        guard let auction = envelope.aggregate.auctionID else { return [] }
        return [.auction(auction), .auctionBids(auction), .home]
    }

    func deliver(_ update: LiveOutbound, of topic: TopicName, to sink: any LiveSink) {
        statistics.framesSent += 1
        switch sink.send(update, conflationKey: topic.description) {
        case .queued, .closed: break
        case .conflated: statistics.conflated += 1
        case .overflowed: statistics.overflowed += 1
        }
    }

    /// Number of live topics, for tests and metrics.
    var topicCount: Int { entries.count }

    /// Subscribers of `topic`, for tests.
    func subscriberCount(_ topic: TopicName) -> Int { entries[topic]?.subscribers.count ?? 0 }

    /// Page views waiting for `topic`'s seed, for tests.
    func pendingReads(of topic: TopicName) -> Int { entries[topic]?.waiters.count ?? 0 }
}
