/// The stream an event belongs to: an auction's, or (for ``UserRegistered``) a user's.
/// Versions are contiguous per aggregate. In JSON it is the `auctionID` or the `userID` field.
public enum AggregateID: Hashable, Sendable, CustomStringConvertible {
    case auction(AuctionID)
    case user(UserID)

    /// The auction, for auction events.
    public var auctionID: AuctionID? {
        if case .auction(let id) = self { id } else { nil }
    }

    public var description: String {
        switch self {
        case .auction(let id): "auction \(id)"
        case .user(let id): "user \(id)"
        }
    }
}
