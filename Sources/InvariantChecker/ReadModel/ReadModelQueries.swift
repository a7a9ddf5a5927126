/// The SELECTs whose columns `ExpectedReadModel` predicts. Times are converted to epoch
/// milliseconds exactly (`extract` gives a numeric, so no floating point is involved).
enum ReadModelQueries {
    private static func millis(_ column: String) -> String { "round(extract(epoch FROM \(column)) * 1000)::bigint" }

    static let auctions = """
        SELECT auction_id, seller_id, title, description, currency, starting_price_minor, current_price_minor, leader_id,
               has_reserve, reserve_met, status, bid_count, winner_id, final_price_minor, version, extension_count,
               \(millis("ends_at")) AS ends_ms, \(millis("original_ends_at")) AS original_ends_ms, \(millis("starts_at")) AS starts_ms
        FROM read_model.auctions
        """

    static let bids = """
        SELECT auction_id, bid_number, bidder_id, version, \(millis("placed_at")) AS placed_ms, price_after_minor, leader_after_id
        FROM read_model.bids
        """

    static let users = "SELECT user_id, display_name, \(millis("registered_at")) AS registered_ms FROM read_model.users"

    static let deadLetters = "SELECT stream, entry_id, reason FROM read_model.dead_letters ORDER BY id"

    /// The tables compared between nodes in full (every column), by checksum.
    static let comparedTables = ["auctions", "bids", "users"]
}
