/// The auction ended. `winner` and `finalPrice` are absent (omitted from JSON) when there were no
/// bids or the reserve was not met.
public struct AuctionClosed: Hashable, Sendable, Codable {
    public let winner: UserID?
    public let finalPrice: Money?
    /// False only when a reserve exists and the price did not reach it.
    public let reserveMet: Bool
    public let bidCount: Int

    public init(winner: UserID?, finalPrice: Money?, reserveMet: Bool, bidCount: Int) {
        self.winner = winner
        self.finalPrice = finalPrice
        self.reserveMet = reserveMet
        self.bidCount = bidCount
    }
}
