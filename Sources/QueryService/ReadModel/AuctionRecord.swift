import Shared

/// One auction as readers see it: public terms and current public state. Amounts are integer
/// minor units of `currency`; times are epoch milliseconds. No reserve amount or maximum exists
/// in the read model, only `hasReserve` and `reserveMet`.
struct AuctionRecord: Sendable, Hashable, Codable {
    enum Status: String, Sendable, Hashable, Codable {
        case open, closed, cancelled
    }

    let auctionID: String
    let sellerID: String
    let sellerName: String?
    let title: String
    let description: String
    let currency: String
    let startingPriceMinor: Int64
    /// The visible price: the starting price until the first bid moves it.
    let currentPriceMinor: Int64
    let leaderID: String?
    let leaderName: String?
    let hasReserve: Bool
    let reserveMet: Bool
    let startsAt: Int64
    /// The current end, after soft-close extensions.
    let endsAt: Int64
    let extensionCount: Int
    let status: Status
    let bidCount: Int
    let winnerID: String?
    let finalPriceMinor: Int64?
    let createdAt: Int64
    /// When it was closed or cancelled.
    let finishedAt: Int64?
    /// The auction's last applied event version: a live update with a version at or below it is
    /// already reflected here.
    let version: Int64

    /// The select list matching `init(row:)`, over `auctions a` joined with users `s` (seller) and `l` (leader).
    static func select(_ schema: ReadModelSchema) -> String {
        """
        SELECT a.auction_id, a.seller_id, s.display_name AS seller_name, a.title, a.description, a.currency,
            a.starting_price_minor, a.current_price_minor, a.leader_id, l.display_name AS leader_name, a.has_reserve,
            a.reserve_met, \(ReadModelTime.milliseconds("a.starts_at")) AS starts_at, \(ReadModelTime.milliseconds("a.ends_at")) AS ends_at,
            a.extension_count, a.status, a.bid_count, a.winner_id, a.final_price_minor,
            \(ReadModelTime.milliseconds("a.created_at")) AS created_at, \(ReadModelTime.milliseconds("a.finished_at")) AS finished_at,
            a.version
        FROM \(schema.table("auctions")) a
        LEFT JOIN \(schema.table("users")) s ON s.user_id = a.seller_id
        LEFT JOIN \(schema.table("users")) l ON l.user_id = a.leader_id
        """
    }

    init(row: PostgresRow) throws {
        auctionID = try row.decode(String.self, "auction_id")
        sellerID = try row.decode(String.self, "seller_id")
        sellerName = try row.decode(String?.self, "seller_name")
        title = try row.decode(String.self, "title")
        description = try row.decode(String.self, "description")
        currency = try row.decode(String.self, "currency")
        startingPriceMinor = try row.decode(Int64.self, "starting_price_minor")
        currentPriceMinor = try row.decode(Int64.self, "current_price_minor")
        leaderID = try row.decode(String?.self, "leader_id")
        leaderName = try row.decode(String?.self, "leader_name")
        hasReserve = try row.decode(Bool.self, "has_reserve")
        reserveMet = try row.decode(Bool.self, "reserve_met")
        startsAt = try row.decode(Int64.self, "starts_at")
        endsAt = try row.decode(Int64.self, "ends_at")
        extensionCount = try row.decode(Int.self, "extension_count")
        let statusText = try row.decode(String.self, "status")
        guard let status = Status(rawValue: statusText) else {
            throw PostgresError(code: .decoding, message: "unknown auction status", column: "status")
        }
        self.status = status
        bidCount = try row.decode(Int.self, "bid_count")
        winnerID = try row.decode(String?.self, "winner_id")
        finalPriceMinor = try row.decode(Int64?.self, "final_price_minor")
        createdAt = try row.decode(Int64.self, "created_at")
        finishedAt = try row.decode(Int64?.self, "finished_at")
        version = try row.decode(Int64.self, "version")
    }
}
