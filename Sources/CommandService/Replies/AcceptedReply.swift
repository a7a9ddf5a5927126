import AuctionDomain

/// The body of a 201: the auction's new version, the public events the command appended with
/// their stream positions, the auction's public standing, and for a bid the bidder's own view.
///
/// Only public facts: the events are `PublicEvent`s, `auction` holds no maximum and no reserve.
/// `bid.maximum` echoes the bidder's own maximum to the bidder, nobody else's.
struct AcceptedReply: Codable, Sendable, Equatable {
    /// One appended public event and where it is: stream key and entry ID (filled in at commit).
    struct PublishedEvent: Codable, Sendable, Equatable {
        var entryID: String?
        var event: PublicEventEnvelope
    }

    /// What a bidder learns about their own bid.
    struct BidOutcome: Codable, Sendable, Equatable {
        var leading: Bool
        var maximum: Money
        var price: Money
    }

    var auctionID: String
    var version: Int64
    var partition: Int
    var stream: String
    var events: [PublishedEvent]
    var auction: AuctionStanding
    var bid: BidOutcome?

    /// The same reply with the entry IDs of the public events, in order.
    func positioned(_ entryIDs: [String]) -> AcceptedReply {
        var copy = self
        for index in copy.events.indices where index < entryIDs.count { copy.events[index].entryID = entryIDs[index] }
        return copy
    }
}
