/// A bid entered the history. Deliberately without an amount: the bidder's maximum is private,
/// and the visible consequence of the bid is the ``PriceChanged`` that may follow it.
public struct BidAccepted: Hashable, Sendable, Codable {
    public let bidder: UserID
    /// 1 for the auction's first accepted bid, then 2, 3…
    public let bidNumber: Int

    public init(bidder: UserID, bidNumber: Int) {
        self.bidder = bidder
        self.bidNumber = bidNumber
    }
}
