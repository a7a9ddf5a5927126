import AuctionDomain

/// `POST /v1/auctions`. The end is `endsAt` (epoch ms) or `durationSeconds` after the start;
/// `startsAt` omitted starts the auction now (Redis `TIME`).
struct NewAuctionBody: Decodable, Sendable {
    /// Anti-sniping parameters; both 0...3600 seconds (checked by the rules).
    struct SoftClose: Decodable, Sendable {
        let windowSeconds: Int64
        let extensionSeconds: Int64
    }

    let title: String
    let description: String?
    let startingPrice: Money
    let reservePrice: Money?
    let startsAt: EpochMilliseconds?
    let endsAt: EpochMilliseconds?
    let durationSeconds: Int64?
    let softClose: SoftClose?
}
