/// PRIVATE. The hidden reserve price, annex of the ``AuctionCreated`` with the same version
/// (recorded only when the auction has a reserve).
public struct AuctionTermsRecorded: Hashable, Sendable, Codable {
    public let reservePrice: Money

    public init(reservePrice: Money) { self.reservePrice = reservePrice }
}
