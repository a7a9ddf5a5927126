/// Why an event cannot be applied to a state: the log is not a valid history of one auction.
/// Not a rule violation: it means corrupt or misrouted data, which a service must not paper over.
public enum EventReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The first event of an auction must be `auctionCreated` with version 1.
    case notCreatedYet
    /// A second `auctionCreated` for the same auction.
    case alreadyCreated
    /// The event belongs to another aggregate.
    case wrongAggregate(expected: AuctionID, actual: AggregateID)
    /// A gap, a duplicate, or an annex that does not follow its public event.
    case versionOutOfOrder(expected: Int64, actual: Int64)
    /// An event type that never occurs in an auction stream (e.g. `userRegistered`).
    case notAnAuctionEvent(String)

    public var description: String {
        switch self {
        case .notCreatedYet: "The auction's history must begin with auctionCreated at version 1."
        case .alreadyCreated: "The auction was already created."
        case .wrongAggregate(let expected, let actual): "Event for \(actual) in the stream of auction \(expected)."
        case .versionOutOfOrder(let expected, let actual): "Expected version \(expected), got \(actual)."
        case .notAnAuctionEvent(let type): "\(type) is not an auction event."
        }
    }
}
