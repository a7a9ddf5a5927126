extension Auction {
    /// Checks who may bid and when, the minimum and the currency, then records `bidAccepted`, the
    /// private `maximumRecorded`, a `priceChanged` if the price, leader or reserve status moved,
    /// and `endExtended` under soft close.
    static func decideBid(
        bidder: UserID, maximum: Money, state: AuctionState, now: EpochMilliseconds, into recorder: inout EventRecorder
    ) throws(AuctionRuleViolation) {
        guard now >= state.startsAt else { throw .auctionNotStarted(startsAt: state.startsAt) }
        guard now < state.endsAt else { throw .auctionEnded }
        guard bidder != state.seller else { throw .sellerCannotBid }
        guard maximum.currency == state.currency else {
            throw .currencyMismatch(expected: state.currency, actual: maximum.currency)
        }
        guard let minimum = state.minimumBid else { throw .biddingLimitReached }
        guard maximum.minorUnits >= minimum.minorUnits else { throw .bidTooLow(minimum: minimum) }
        if bidder == state.leader, let current = state.leaderMaximum, maximum.minorUnits <= current.minorUnits {
            throw .maximumNotRaised(currentMaximum: current)
        }

        let current = state.leader.flatMap { leader in
            state.leaderMaximum.map { ProxyBidding.Standing(leader: leader, leaderMaximum: $0, price: state.price) }
        }
        let next = ProxyBidding.standing(
            after: bidder, maximum: maximum, current: current, startingPrice: state.startingPrice,
            reserve: state.reservePrice, table: incrementTable
        )
        let reserveMet = state.reservePrice.map { next.price.minorUnits >= $0.minorUnits } ?? !state.hasReserve

        recorder.record(.bidAccepted(BidAccepted(bidder: bidder, bidNumber: state.bidCount + 1)))
        recorder.annex(.maximumRecorded(MaximumRecorded(bidder: bidder, maximum: maximum)))
        if next.leader != state.leader || next.price != state.price || reserveMet != state.reserveMet {
            recorder.record(.priceChanged(PriceChanged(price: next.price, leader: next.leader, reserveMet: reserveMet)))
        }
        if let newEnd = state.softClose.extendedEnd(bidAt: now, endsAt: state.endsAt) {
            recorder.record(.endExtended(EndExtended(endsAt: newEnd)))
        }
    }
}
