import Shared

/// One accepted bid in an auction's public history. The amount a bidder offered is private; what
/// is public is the visible price and leader right after the bid (nil when the bid did not change
/// them, e.g. the leader raising their own maximum).
struct BidRecord: Sendable, Hashable, Codable {
    let auctionID: String
    let bidNumber: Int
    let bidderID: String
    let bidderName: String?
    /// Epoch milliseconds.
    let placedAt: Int64
    let currency: String
    let priceAfterMinor: Int64?
    let leaderAfterID: String?

    static func select(_ schema: ReadModelSchema) -> String {
        """
        SELECT b.auction_id, b.bid_number, b.bidder_id, u.display_name AS bidder_name,
            \(ReadModelTime.milliseconds("b.placed_at")) AS placed_at, b.currency, b.price_after_minor, b.leader_after_id
        FROM \(schema.table("bids")) b LEFT JOIN \(schema.table("users")) u ON u.user_id = b.bidder_id
        """
    }

    init(row: PostgresRow) throws {
        auctionID = try row.decode(String.self, "auction_id")
        bidNumber = try row.decode(Int.self, "bid_number")
        bidderID = try row.decode(String.self, "bidder_id")
        bidderName = try row.decode(String?.self, "bidder_name")
        placedAt = try row.decode(Int64.self, "placed_at")
        currency = try row.decode(String.self, "currency")
        priceAfterMinor = try row.decode(Int64?.self, "price_after_minor")
        leaderAfterID = try row.decode(String?.self, "leader_after_id")
    }
}
