import AuctionDomain

/// The state behind `auction:<id>:bids`: the newest bids, newest first.
struct BidHistoryState: Sendable, Equatable {
    /// How many bids the list keeps and shows.
    static let limit = 50

    struct Bid: Sendable, Equatable {
        var bidNumber: Int
        var bidder: UserID
        var placedAt: EpochMilliseconds
        /// The visible price after the bid, from the `priceChanged` of the same command.
        var priceAfter: Money?
        /// The command that placed the bid, to pair it with its `priceChanged`; nil for bids
        /// from a seed, whose price is already known.
        var commandID: CommandID?
    }

    /// Newest first.
    var bids: [Bid] = []

    init(bids: [Bid] = []) { self.bids = bids }

    mutating func apply(_ envelope: PublicEventEnvelope) {
        switch envelope.event {
        case .bidAccepted(let accepted):
            guard !bids.contains(where: { $0.bidNumber == accepted.bidNumber }) else { return }
            bids.insert(
                Bid(bidNumber: accepted.bidNumber, bidder: accepted.bidder, placedAt: envelope.timestamp, priceAfter: nil,
                    commandID: envelope.commandID), at: 0)
            if bids.count > Self.limit { bids.removeLast(bids.count - Self.limit) }
        case .priceChanged(let change):
            if let index = bids.firstIndex(where: { $0.commandID == envelope.commandID }) { bids[index].priceAfter = change.price }
        default:
            break
        }
    }

    func list(_ id: AuctionID, names: NameDirectory) -> BidHistoryList.Model {
        BidHistoryList.Model(auctionID: id, entries: bids.map { bid in
            BidHistoryList.Entry(bidNumber: bid.bidNumber, bidderName: names.name(for: bid.bidder), placedAt: bid.placedAt,
                                 priceAfter: bid.priceAfter)
        })
    }

    static func recipe(_ id: AuctionID, seed: @escaping @Sendable () async throws -> TopicSeed<Self>)
        -> TopicRecipe<Self, BidHistoryList.Model>
    {
        TopicRecipe(
            filter: { envelope in
                guard envelope.aggregate == .auction(id) else { return false }
                return envelope.event.kind == .bidAccepted || envelope.event.kind == .priceChanged
            },
            scan: { state, envelope in state.apply(envelope) },
            view: { state, names in state.list(id, names: names) },
            render: BidHistoryList.render,
            data: LiveTopicData.bids,
            seed: seed)
    }
}
