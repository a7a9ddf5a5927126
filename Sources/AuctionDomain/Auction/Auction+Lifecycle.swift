extension Auction {
    /// Only the seller, only before the end, only while nobody has bid.
    static func decideCancel(actor: UserID, state: AuctionState, now: EpochMilliseconds, into recorder: inout EventRecorder)
        throws(AuctionRuleViolation)
    {
        guard actor == state.seller else { throw .notSeller }
        guard state.bidCount == 0 else { throw .cannotCancelWithBids }
        guard now < state.endsAt else { throw .auctionEnded }
        recorder.record(.auctionCancelled(AuctionCancelled(cancelledBy: actor)))
    }

    /// At or after the (possibly extended) end: the leader wins at the visible price if the
    /// reserve is met; otherwise, or without bids, the auction closes with no winner.
    static func decideClose(state: AuctionState, now: EpochMilliseconds, into recorder: inout EventRecorder)
        throws(AuctionRuleViolation)
    {
        guard now >= state.endsAt else { throw .auctionNotEnded(endsAt: state.endsAt) }
        let winner = state.reserveMet ? state.leader : nil
        recorder.record(.auctionClosed(AuctionClosed(
            winner: winner, finalPrice: winner == nil ? nil : state.price, reserveMet: state.reserveMet,
            bidCount: state.bidCount
        )))
    }
}
