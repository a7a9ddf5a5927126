/// The auction aggregate: the left fold of its ``DomainEvent``s, including PRIVATE bidding state
/// (every bidder's maximum, the reserve). It is what the CommandService snapshots in Redis, never
/// what the public sees.
///
/// Properties are only set by ``Auction/apply(_:_:)``, so a snapshot always equals a replay of
/// the log; nothing else in the module writes them.
public struct AuctionState: Hashable, Sendable, Codable {
    public let auctionID: AuctionID
    /// Version of the last public event applied.
    public internal(set) var version: Int64
    public let seller: UserID
    public let title: String
    public let description: String
    public let startingPrice: Money
    /// Whether the auction has a reserve (public); its amount is ``reservePrice`` (private).
    public let hasReserve: Bool
    /// PRIVATE: set by the ``AuctionTermsRecorded`` annex of the creation event.
    public internal(set) var reservePrice: Money?
    public let startsAt: EpochMilliseconds
    /// Moves later under soft close.
    public internal(set) var endsAt: EpochMilliseconds
    public let softClose: SoftClosePolicy
    public internal(set) var phase: AuctionPhase
    /// The visible price: the starting price until the first bid.
    public internal(set) var price: Money
    /// The highest bidder, if anyone has bid.
    public internal(set) var leader: UserID?
    public internal(set) var bidCount: Int
    /// PRIVATE: each bidder's highest maximum so far.
    public internal(set) var maximums: [UserID: Money]

    /// The auction's currency, fixed by the starting price.
    public var currency: Currency { startingPrice.currency }

    /// PRIVATE: the leader's maximum.
    public var leaderMaximum: Money? { leader.flatMap { maximums[$0] } }

    /// True when there is no reserve, or someone leads at a price that reached it.
    public var reserveMet: Bool {
        guard let reservePrice else { return !hasReserve }
        return leader != nil && price.minorUnits >= reservePrice.minorUnits
    }

    /// Who won, once closed: the leader, if the reserve was met.
    public var winner: UserID? { phase == .closed && reserveMet ? leader : nil }

    /// The lowest maximum a new bid may name (public information): the starting price before the
    /// first bid, then the price plus one increment. `nil` when that would pass the money bound.
    public var minimumBid: Money? {
        guard bidCount > 0 else { return startingPrice }
        let step = Auction.incrementTable.increment(at: price)
        let (sum, overflow) = price.minorUnits.addingReportingOverflow(step.minorUnits)
        guard !overflow, sum <= Money.maximumMinorUnits else { return nil }
        return Money(trustedMinorUnits: sum, currency: currency)
    }

    /// Whether the closer should send ``AuctionCommand/close`` at `now`.
    public func isDueForClose(at now: EpochMilliseconds) -> Bool { phase == .open && now >= endsAt }

    init(auctionID: AuctionID, created: AuctionCreated) {
        self.auctionID = auctionID
        version = 1
        seller = created.seller
        title = created.title
        description = created.description
        startingPrice = created.startingPrice
        hasReserve = created.hasReserve
        reservePrice = nil
        startsAt = created.startsAt
        endsAt = created.endsAt
        softClose = created.softClose
        phase = .open
        price = created.startingPrice
        leader = nil
        bidCount = 0
        maximums = [:]
    }
}
