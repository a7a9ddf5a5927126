/// eBay-style proxy bidding: bidders name a maximum and the platform bids for them, one
/// increment at a time, only as far as needed. Pure arithmetic on an already validated bid.
enum ProxyBidding {
    /// Who leads, at what visible price, with what maximum, after a bid.
    struct Standing: Hashable {
        let leader: UserID
        let leaderMaximum: Money
        let price: Money
    }

    /// The standing after `bidder` names `maximum` against `current` (`nil`: first bid).
    ///
    /// - First bid: the price is the starting price.
    /// - The leader raising their own maximum: the price stays.
    /// - A higher maximum takes the lead at one increment above the old leader's maximum, capped at
    ///   the new maximum.
    /// - A maximum up to the leader's (ties included: the earlier bid wins) leaves the leader in
    ///   place and raises the price to one increment above it, capped at the leader's maximum.
    /// - Then, if a reserve exists and the leader's maximum reaches it, the price rises to at least
    ///   the reserve: the reserve is met as soon as someone is willing to pay it.
    static func standing(
        after bidder: UserID, maximum: Money, current: Standing?, startingPrice: Money, reserve: Money?,
        table: BidIncrementTable
    ) -> Standing {
        let next: Standing
        if let current {
            if bidder == current.leader {
                next = Standing(leader: bidder, leaderMaximum: maximum, price: current.price)
            } else if maximum.minorUnits > current.leaderMaximum.minorUnits {
                let price = current.leaderMaximum.adding(table.increment(at: current.leaderMaximum), cappedAt: maximum)
                next = Standing(leader: bidder, leaderMaximum: maximum, price: price)
            } else {
                let price = maximum.adding(table.increment(at: maximum), cappedAt: current.leaderMaximum)
                next = Standing(leader: current.leader, leaderMaximum: current.leaderMaximum, price: price)
            }
        } else {
            next = Standing(leader: bidder, leaderMaximum: maximum, price: startingPrice)
        }
        guard let reserve, next.leaderMaximum.minorUnits >= reserve.minorUnits,
              next.price.minorUnits < reserve.minorUnits
        else { return next }
        return Standing(leader: next.leader, leaderMaximum: next.leaderMaximum, price: reserve)
    }
}
