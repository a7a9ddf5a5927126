/// The seller withdrew the auction before anyone bid.
public struct AuctionCancelled: Hashable, Sendable, Codable {
    public let cancelledBy: UserID

    public init(cancelledBy: UserID) { self.cancelledBy = cancelledBy }
}
