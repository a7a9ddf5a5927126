/// PRIVATE. The maximum a bidder is willing to pay, kept only in the private stream that the
/// CommandService reads. Annex of the ``BidAccepted`` with the same version.
public struct MaximumRecorded: Hashable, Sendable, Codable {
    public let bidder: UserID
    public let maximum: Money

    public init(bidder: UserID, maximum: Money) {
        self.bidder = bidder
        self.maximum = maximum
    }
}
