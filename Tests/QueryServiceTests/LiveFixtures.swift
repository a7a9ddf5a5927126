import AuctionDomain
import Foundation
import Shared
import Synchronization
@testable import QueryService

/// Events, seeds and a recording subscriber for the live-update tests.
enum LiveFixtures {
    static let endsAt: EpochMilliseconds = 1_800_000_000_000

    static func money(_ minorUnits: Int64) throws -> Money { try Money(minorUnits: minorUnits, currency: .eur) }

    static func event(_ position: Int64, _ auction: AuctionID, version: Int64, command: String = "c", _ event: PublicEvent)
        -> CommittedEvent
    {
        CommittedEvent(position: position, envelope: EventEnvelope(
            aggregate: .auction(auction), version: version, commandID: CommandID(command), timestamp: 1_700_000_000_000 + position,
            event: event))
    }

    static func created(_ position: Int64, _ auction: AuctionID, title: String = "Lamp", price: Int64 = 1000) throws -> CommittedEvent {
        event(position, auction, version: 1, .auctionCreated(AuctionCreated(
            seller: "seller", title: title, description: "A lamp", startingPrice: try money(price), hasReserve: false,
            startsAt: 1_700_000_000_000, endsAt: endsAt, softClose: .standard)))
    }

    static func bid(_ position: Int64, _ auction: AuctionID, version: Int64, bidder: UserID, number: Int) -> CommittedEvent {
        event(position, auction, version: version, command: "bid-\(number)", .bidAccepted(BidAccepted(bidder: bidder, bidNumber: number)))
    }

    static func price(_ position: Int64, _ auction: AuctionID, version: Int64, leader: UserID, minorUnits: Int64, number: Int)
        throws -> CommittedEvent
    {
        event(position, auction, version: version, command: "bid-\(number)",
              .priceChanged(PriceChanged(price: try money(minorUnits), leader: leader, reserveMet: true)))
    }

    static func registered(_ position: Int64, _ user: UserID, name: String) -> CommittedEvent {
        CommittedEvent(position: position, envelope: EventEnvelope(
            aggregate: .user(user), version: 1, commandID: "register", timestamp: 1_700_000_000_000,
            event: .userRegistered(UserRegistered(userID: user, displayName: name))))
    }

    /// A loader whose seeds are empty at `position` and that counts its calls.
    static func emptyLoader(position: Int64 = 0, calls: Calls = Calls()) -> LiveSeedLoader {
        LiveSeedLoader(
            auction: { _ in calls.count(); return TopicSeed(position: position, state: .unknown) },
            bids: { _ in calls.count(); return TopicSeed(position: position, state: BidHistoryState()) },
            home: { calls.count(); return TopicSeed(position: position, state: HomeListState()) })
    }

    static func hub(_ loader: LiveSeedLoader = emptyLoader(), teardownDelay: Duration = .seconds(3600), maxTopics: Int = 32)
        -> LiveHub
    {
        var configuration = LiveHub.Configuration()
        configuration.teardownDelay = teardownDelay
        configuration.maxTopicsPerConnection = maxTopics
        configuration.epoch = "test-epoch"
        return LiveHub(catalog: TopicCatalog(loader: loader), configuration: configuration)
    }

    /// Counts seed reads.
    final class Calls: Sendable {
        private let value = Mutex(0)
        func count() { value.withLock { $0 += 1 } }
        var total: Int { value.withLock { $0 } }
    }
}

/// A subscriber that keeps every frame it is sent.
final class RecordingSink: LiveSink {
    let id: UInt64
    private let frames = Mutex<[WebSocketFrame]>([])

    init(id: UInt64) { self.id = id }

    func send(_ message: LiveOutbound, conflationKey: String?) -> WebSocketSendResult {
        frames.withLock { $0.append(message.frame) }
        return .queued
    }

    var received: [WebSocketFrame] { frames.withLock { $0 } }

    /// The frames as JSON objects.
    var messages: [[String: Any]] {
        received.compactMap { try? JSONSerialization.jsonObject(with: Data($0.payload)) as? [String: Any] }
    }

    var positions: [Int64] { messages.compactMap { ($0["position"] as? NSNumber)?.int64Value } }
}

/// Holds a seed read until the test releases it.
final class SeedGate: Sendable {
    private let state = Mutex<(called: Bool, seed: TopicSeed<AuctionPanelState>?)>((false, nil))

    func wait() async throws -> TopicSeed<AuctionPanelState> {
        state.withLock { $0.called = true }
        while true {
            if let seed = state.withLock({ $0.seed }) { return seed }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func waitUntilCalled() async throws {
        while !state.withLock({ $0.called }) { try await Task.sleep(for: .milliseconds(5)) }
    }

    func open(_ seed: TopicSeed<AuctionPanelState>) { state.withLock { $0.seed = seed } }
}
