import AuctionDomain

/// What the log says about one auction, for the read-model comparison and the leak scan: the
/// public values a read model must show, every amount that was ever public, and the private
/// amounts (maximums, reserve).
struct AuctionFacts: Sendable {
    /// One accepted bid as the read model's `bids` table must show it.
    struct ExpectedBid: Sendable, Hashable {
        let bidNumber: Int
        let bidder: String
        let version: Int64
        let placedAt: EpochMilliseconds
        let priceAfter: Int64?
        let leaderAfter: String?
    }

    let auctionID: AuctionID
    /// The full state replayed from both streams (private facts included), nil if the history
    /// could not be replayed at all.
    var state: AuctionState?
    /// `reserve_met` as the public events last stated it.
    var publicReserveMet = true
    var originalEndsAt: EpochMilliseconds = 0
    var extensionCount = 0
    var finalPrice: Int64?
    var winner: String?
    var bids: [ExpectedBid] = []
    /// Every amount the public could see: starting price, each visible price, each minimum bid.
    var publicAmounts: Set<Int64> = []
    /// Every maximum and the reserve, in minor units.
    var privateAmounts: Set<Int64> = []
    /// False when the history check found a breach that makes later comparisons unreliable.
    var consistent = true

    init(auctionID: AuctionID) { self.auctionID = auctionID }

    /// The private amounts that never became public: the ones no public surface may show.
    var hiddenAmounts: Set<Int64> { privateAmounts.subtracting(publicAmounts) }

    /// Folds one decision's events into the facts, after `state` was advanced past them.
    mutating func record(_ group: DecisionGroup, stateAfter: AuctionState?) {
        var bidIndex: Int?
        for event in group.events {
            switch event {
            case .public(let envelope):
                switch envelope.event {
                case .auctionCreated(let created):
                    originalEndsAt = created.endsAt
                    publicReserveMet = !created.hasReserve
                    publicAmounts.insert(created.startingPrice.minorUnits)
                case .bidAccepted(let bid):
                    bids.append(ExpectedBid(bidNumber: bid.bidNumber, bidder: bid.bidder.rawValue, version: envelope.version,
                                            placedAt: envelope.timestamp, priceAfter: nil, leaderAfter: nil))
                    bidIndex = bids.count - 1
                case .priceChanged(let change):
                    publicReserveMet = change.reserveMet
                    publicAmounts.insert(change.price.minorUnits)
                    if let index = bidIndex {
                        let bid = bids[index]
                        bids[index] = ExpectedBid(bidNumber: bid.bidNumber, bidder: bid.bidder, version: bid.version, placedAt: bid.placedAt,
                                                  priceAfter: change.price.minorUnits, leaderAfter: change.leader.rawValue)
                    }
                case .endExtended: extensionCount += 1
                case .auctionClosed(let closed):
                    publicReserveMet = closed.reserveMet
                    finalPrice = closed.finalPrice?.minorUnits
                    winner = closed.winner?.rawValue
                    if let price = closed.finalPrice { publicAmounts.insert(price.minorUnits) }
                case .auctionCancelled, .userRegistered: break
                }
            case .private(let envelope):
                switch envelope.event {
                case .maximumRecorded(let recorded): privateAmounts.insert(recorded.maximum.minorUnits)
                case .auctionTermsRecorded(let terms): privateAmounts.insert(terms.reservePrice.minorUnits)
                }
            }
        }
        if let stateAfter {
            publicAmounts.insert(stateAfter.price.minorUnits)
            if let minimum = stateAfter.minimumBid { publicAmounts.insert(minimum.minorUnits) }
        }
        state = stateAfter
    }
}
