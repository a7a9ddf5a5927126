import AuctionDomain

/// The state behind `home`: every open auction, of which the list shows the ones ending soonest.
///
/// Keeping all open auctions (a small struct each) lets a closing auction make room for the next
/// one without asking the read model again. Each entry keeps its auction's stream version and
/// ignores events it already reflects (a seed's data may be newer than its position).
struct HomeListState: Sendable, Equatable {
    struct Auction: Sendable, Equatable {
        var title: String
        var price: Money
        var bidCount: Int
        var endsAt: EpochMilliseconds
        /// The auction stream version this entry reflects.
        var version: Int64
    }

    var open: [AuctionID: Auction] = [:]

    init(open: [AuctionID: Auction] = [:]) { self.open = open }

    mutating func apply(_ envelope: PublicEventEnvelope) {
        guard let id = envelope.aggregate.auctionID else { return }
        if case .auctionCreated(let created) = envelope.event {
            guard open[id] == nil else { return }
            open[id] = Auction(
                title: created.title, price: created.startingPrice, bidCount: 0, endsAt: created.endsAt, version: envelope.version)
            return
        }
        guard var auction = open[id], envelope.version > auction.version else { return }
        auction.version = envelope.version
        switch envelope.event {
        case .bidAccepted(let bid): auction.bidCount = max(auction.bidCount, bid.bidNumber)
        case .priceChanged(let change): auction.price = change.price
        case .endExtended(let extended): auction.endsAt = extended.endsAt
        case .auctionClosed, .auctionCancelled:
            open[id] = nil
            return
        case .auctionCreated, .userRegistered: break
        }
        open[id] = auction
    }

    /// The `limit` auctions ending soonest (ties by id, so the order is stable).
    func cards(limit: Int) -> [AuctionCard.Model] {
        open.sorted { ($0.value.endsAt, $0.key.rawValue) < ($1.value.endsAt, $1.key.rawValue) }
            .prefix(limit)
            .map { id, auction in
                AuctionCard.Model(auctionID: id, title: auction.title, price: auction.price, bidCount: auction.bidCount, endsAt: auction.endsAt)
            }
    }

    static func recipe(limit: Int, seed: @escaping @Sendable () async throws -> TopicSeed<Self>)
        -> TopicRecipe<Self, AuctionList.Model>
    {
        TopicRecipe(
            filter: { $0.aggregate.auctionID != nil },
            scan: { state, envelope in state.apply(envelope) },
            view: { state, _ in AuctionList.home(state.cards(limit: limit)) },
            render: AuctionList.render,
            data: LiveTopicData.home,
            seed: seed)
    }
}
