import AuctionDomain
import Foundation
import Shared

/// The shared-subscription cache: every live topic of this node, computed once per event on this
/// actor (the one serial executor for topic computation) and fanned out to its subscribers.
///
/// Committed events arrive in position order through ``process(_:)``. Each topic is created on
/// its first subscription, seeded from the read model, fed only the events routed to it, and torn
/// down ``Configuration/teardownDelay`` after its last subscriber leaves. Its update frame is
/// serialized once and the same ``WebSocketFrame`` is queued on every subscribed connection,
/// under the topic's name as the conflation key, so a slow reader gets the latest state of a
/// fragment rather than a backlog.
///
/// Gap-free handoff: a subscriber says which position its page shows (`after`). It receives the
/// current value on subscribing only if the value changed after that position, and later only
/// the changes made by events after it.
actor LiveHub {
    struct Configuration: Sendable {
        /// How long an unsubscribed topic stays warm for the next page view.
        var teardownDelay: Duration = .seconds(30)
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
        var teardownToken: UInt64?
    }

    let configuration: Configuration
    let catalog: TopicCatalog
    var entries: [TopicName: Entry] = [:]
    var connections: [UInt64: Set<TopicName>] = [:]
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
                  let frame = entry.node.frame else { continue }
            for subscriber in entry.subscribers.values where lastFolded > subscriber.after {
                deliver(frame, of: topic, to: subscriber.sink)
            }
        }
    }

    /// The topics an event can concern: its auction's two topics and the home list. Registrations
    /// only feed the name directory.
    static func routes(of envelope: PublicEventEnvelope) -> [TopicName] {
        guard let auction = envelope.aggregate.auctionID else { return [] }
        return [.auction(auction), .auctionBids(auction), .home]
    }

    func deliver(_ frame: WebSocketFrame, of topic: TopicName, to sink: any LiveSink) {
        statistics.framesSent += 1
        switch sink.send(frame, conflationKey: topic.description) {
        case .queued, .closed: break
        case .conflated: statistics.conflated += 1
        case .overflowed: statistics.overflowed += 1
        }
    }

    /// Number of live topics, for tests and metrics.
    var topicCount: Int { entries.count }

    /// Subscribers of `topic`, for tests.
    func subscriberCount(_ topic: TopicName) -> Int { entries[topic]?.subscribers.count ?? 0 }
}
