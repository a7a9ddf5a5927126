import AuctionDomain

/// `POST /v1/auctions/{id}/bids`: the most the bidder is willing to pay (proxy bidding).
struct BidBody: Decodable, Sendable {
    let maximum: Money
}
