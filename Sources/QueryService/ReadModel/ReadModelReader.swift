import Shared

/// Typed, read-only queries over this node's live read model, for pages and the REST API.
///
/// Every query is one statement against the `read_model` schema, resolved by name, so queries
/// keep answering during a rebuild and switch to the rebuilt tables at the swap.
///
/// Consistency with live updates: read `position()` FIRST, then the data. The data is then at
/// least as new as the position; a live subscription resuming after that position may replay
/// events already visible, which clients recognise by the auction `version` and ignore.
struct ReadModelReader: Sendable {
    let database: PostgresClient
    let schema: ReadModelSchema
    /// The statements this reader's methods sent, shared by its copies.
    let queries = ReadModelQueryCounter()

    init(database: PostgresClient, schema: ReadModelSchema = .live) {
        self.database = database
        self.schema = schema
    }

    /// Every method's one statement, counted.
    private func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> PostgresRows {
        queries.record()
        return try await database.query(sql, parameters)
    }

    /// The position of the last committed event (see `CommittedEvent`).
    func position() async throws -> Int64 {
        let rows = try await query("SELECT position FROM \(schema.table("projection_position"))")
        return try rows.first?.decode(Int64.self, "position") ?? 0
    }

    /// How far this node's read model has applied each stream (absent: nothing yet).
    func checkpoints() async throws -> [String: RedisStreamEntryID] {
        var checkpoints: [String: RedisStreamEntryID] = [:]
        for row in try await query("SELECT stream, entry_id FROM \(schema.table("checkpoints"))") {
            checkpoints[try row.decode(String.self, "stream")] = RedisStreamEntryID(try row.decode(String.self, "entry_id"))
        }
        return checkpoints
    }

    /// Read-your-writes: whether the entry a command wrote (its stream and entry ID, as the
    /// CommandService reports them) is already visible in this node's read model.
    func hasApplied(stream: String, entryID: RedisStreamEntryID) async throws -> Bool {
        let rows = try await query(
            "SELECT entry_id FROM \(schema.table("checkpoints")) WHERE stream = $1", [.text(stream)])
        guard let text = try rows.first?.decode(String.self, "entry_id"), let applied = RedisStreamEntryID(text) else { return false }
        return applied >= entryID
    }

    /// Open auctions ending soonest first, `limit` (1...200) per page, after `cursor`.
    func openAuctions(after cursor: OpenAuctionsCursor? = nil, limit: Int = 50) async throws -> OpenAuctionsPage {
        let limit = min(max(limit, 1), 200)
        var sql = AuctionRecord.select(schema) + "\nWHERE a.status = 'open'"
        var parameters: [PostgresValue] = []
        if let cursor {
            sql += " AND (a.ends_at, a.auction_id) > (timestamptz 'epoch' + $1 * interval '1 millisecond', $2)"
            parameters = [.int(cursor.endsAt), .text(cursor.auctionID)]
        }
        // One extra row tells whether there is a next page.
        sql += " ORDER BY a.ends_at, a.auction_id LIMIT \(limit + 1)"
        let records = try await query(sql, parameters).map(AuctionRecord.init(row:))
        let page = Array(records.prefix(limit))
        let next = records.count > limit ? page.last.map { OpenAuctionsCursor(endsAt: $0.endsAt, auctionID: $0.auctionID) } : nil
        return OpenAuctionsPage(auctions: page, next: next)
    }

    /// One auction, or nil when this node has not (yet) seen it.
    func auction(_ auctionID: String) async throws -> AuctionRecord? {
        try await query(AuctionRecord.select(schema) + "\nWHERE a.auction_id = $1", [.text(auctionID)])
            .first.map(AuctionRecord.init(row:))
    }

    /// The public bid history of an auction, oldest first.
    func bids(of auctionID: String, limit: Int = 500) async throws -> [BidRecord] {
        let limit = min(max(limit, 1), 5_000)
        return try await query(
            BidRecord.select(schema) + "\nWHERE b.auction_id = $1 ORDER BY b.placed_at, b.bid_number LIMIT \(limit)",
            [.text(auctionID)]
        ).map(BidRecord.init(row:))
    }

    /// A seller's auctions, newest first.
    func auctions(ofSeller sellerID: String, limit: Int = 100) async throws -> [AuctionRecord] {
        let limit = min(max(limit, 1), 500)
        return try await query(
            AuctionRecord.select(schema) + "\nWHERE a.seller_id = $1 ORDER BY a.created_at DESC, a.auction_id LIMIT \(limit)",
            [.text(sellerID)]
        ).map(AuctionRecord.init(row:))
    }

    /// A user's public profile, or nil.
    func user(_ userID: String) async throws -> UserProfile? {
        try await query(
            """
            SELECT user_id, display_name, \(ReadModelTime.milliseconds("registered_at")) AS registered_at
            FROM \(schema.table("users")) WHERE user_id = $1
            """,
            [.text(userID)]
        ).first.map(UserProfile.init(row:))
    }
}
