import AuctionDomain

/// Both streams' entries of one auction, each in stream order.
struct AuctionLog: Sendable {
    let auctionID: AuctionID
    var publicEvents: [LoggedEvent<PublicEvent>] = []
    var privateEvents: [LoggedEvent<PrivateEvent>] = []
}
