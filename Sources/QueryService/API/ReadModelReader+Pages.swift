import Shared

/// Keyset-paginated listings the REST API needs beyond ``ReadModelReader``'s own queries: a
/// seller's auctions and an auction's bids, each fetching one extra row to know whether a next
/// page exists. Same rules as the reader: one statement, schema-qualified, parameters bound.
extension ReadModelReader {
    /// A seller's auctions, newest first (ties by id), optionally of one status, after a cursor.
    func auctions(
        ofSeller sellerID: String, status: AuctionRecord.Status?, after cursor: (createdAt: Int64, auctionID: String)?, limit: Int
    ) async throws -> (records: [AuctionRecord], hasMore: Bool) {
        var sql = AuctionRecord.select(schema) + "\nWHERE a.seller_id = $1"
        var parameters: [PostgresValue] = [.text(sellerID)]
        if let status {
            parameters.append(.text(status.rawValue))
            sql += " AND a.status = $\(parameters.count)"
        }
        if let cursor {
            parameters += [.int(cursor.createdAt), .text(cursor.auctionID)]
            let at = "timestamptz 'epoch' + $\(parameters.count - 1) * interval '1 millisecond'"
            sql += " AND (a.created_at < \(at) OR (a.created_at = \(at) AND a.auction_id > $\(parameters.count)))"
        }
        sql += " ORDER BY a.created_at DESC, a.auction_id LIMIT \(limit + 1)"
        let records = try await database.query(sql, parameters).map(AuctionRecord.init(row:))
        return (Array(records.prefix(limit)), records.count > limit)
    }

    /// An auction's bids in the order they were placed, after bid number `after`.
    func bids(of auctionID: String, afterBidNumber after: Int, limit: Int) async throws -> (records: [BidRecord], hasMore: Bool) {
        let records = try await database.query(
            BidRecord.select(schema) + "\nWHERE b.auction_id = $1 AND b.bid_number > $2 ORDER BY b.bid_number LIMIT \(limit + 1)",
            [.text(auctionID), .int(Int64(after))]
        ).map(BidRecord.init(row:))
        return (Array(records.prefix(limit)), records.count > limit)
    }
}
