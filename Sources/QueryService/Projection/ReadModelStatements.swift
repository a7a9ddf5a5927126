/// The set-based statements that apply a staged batch (`StagedEvent`) to one schema, in the order
/// they must run inside the batch's transaction.
///
/// They rely on the batch plan having removed duplicates and gaps: every staged event is the next
/// version of its aggregate, so each per-auction fold is either "the last one wins" (price,
/// leader, end, outcome: `DISTINCT ON ... ORDER BY version DESC`) or a count (bids, extensions).
/// One statement per kind of effect replaces one statement per event: that is what makes
/// catch-up fast (see docs/read-model.md, "Why set-based").
struct ReadModelStatements: Sendable {
    let schema: ReadModelSchema

    /// All statements, in order.
    var all: [String] { [insertUsers, insertAuctions, insertBids, attachPrices, updateAuctions] }

    /// `all` as one script, to send in one round trip.
    var script: String { all.joined(separator: ";\n") }

    /// Epoch milliseconds to `timestamptz`, exactly (no floating point).
    private static func time(_ column: String) -> String {
        "(timestamptz 'epoch' + \(column) * interval '1 millisecond')"
    }

    private var stage: String { StagedEvent.table }

    var insertUsers: String {
        """
        INSERT INTO \(schema.table("users")) (user_id, display_name, registered_at)
        SELECT actor, display_name, \(Self.time("occurred_ms")) FROM \(stage) WHERE kind = 'userRegistered'
        ON CONFLICT (user_id) DO NOTHING
        """
    }

    var insertAuctions: String {
        """
        INSERT INTO \(schema.table("auctions")) (
            auction_id, seller_id, title, description, currency, starting_price_minor, current_price_minor, leader_id,
            has_reserve, reserve_met, starts_at, ends_at, original_ends_at, extension_count, soft_close_window_seconds,
            soft_close_extension_seconds, status, bid_count, created_at, version, updated_at)
        SELECT aggregate_id, actor, title, description, currency, amount, amount, NULL,
            has_reserve, NOT has_reserve, \(Self.time("starts_ms")), \(Self.time("ends_ms")), \(Self.time("ends_ms")), 0,
            window_seconds, extension_seconds, 'open', 0, \(Self.time("occurred_ms")), version, \(Self.time("occurred_ms"))
        FROM \(stage) WHERE kind = 'auctionCreated'
        ON CONFLICT (auction_id) DO NOTHING
        """
    }

    var insertBids: String {
        """
        INSERT INTO \(schema.table("bids")) (auction_id, bid_number, bidder_id, placed_at, version, currency)
        SELECT s.aggregate_id, s.number, s.actor, \(Self.time("s.occurred_ms")), s.version, a.currency
        FROM \(stage) s JOIN \(schema.table("auctions")) a ON a.auction_id = s.aggregate_id
        WHERE s.kind = 'bidAccepted'
        ON CONFLICT (auction_id, bid_number) DO NOTHING
        """
    }

    /// A bid's visible price comes from the priceChanged right after it (version + 1), which may be
    /// in this batch or, when a batch boundary split the decision, in the next one.
    var attachPrices: String {
        """
        UPDATE \(schema.table("bids")) b SET price_after_minor = s.amount, leader_after_id = s.actor
        FROM \(stage) s
        WHERE s.kind = 'priceChanged' AND b.auction_id = s.aggregate_id AND b.version = s.version - 1
        """
    }

    var updateAuctions: String {
        """
        WITH events AS (
            SELECT * FROM \(stage)
            WHERE kind IN ('bidAccepted', 'priceChanged', 'endExtended', 'auctionClosed', 'auctionCancelled')
        ), totals AS (
            SELECT aggregate_id, max(version) AS version, max(occurred_ms) AS last_ms,
                count(*) FILTER (WHERE kind = 'bidAccepted') AS bids,
                count(*) FILTER (WHERE kind = 'endExtended') AS extensions
            FROM events GROUP BY aggregate_id
        ), price AS (
            SELECT DISTINCT ON (aggregate_id) aggregate_id, amount, actor, reserve_met
            FROM events WHERE kind = 'priceChanged' ORDER BY aggregate_id, version DESC
        ), extended AS (
            SELECT DISTINCT ON (aggregate_id) aggregate_id, ends_ms
            FROM events WHERE kind = 'endExtended' ORDER BY aggregate_id, version DESC
        ), outcome AS (
            SELECT DISTINCT ON (aggregate_id) aggregate_id, kind, actor, amount, reserve_met, number, occurred_ms
            FROM events WHERE kind IN ('auctionClosed', 'auctionCancelled') ORDER BY aggregate_id, version DESC
        )
        UPDATE \(schema.table("auctions")) a SET
            version = greatest(a.version, t.version),
            bid_count = coalesce(o.number, a.bid_count + t.bids),
            extension_count = a.extension_count + t.extensions,
            current_price_minor = coalesce(p.amount, a.current_price_minor),
            leader_id = coalesce(p.actor, a.leader_id),
            reserve_met = coalesce(o.reserve_met, p.reserve_met, a.reserve_met),
            ends_at = coalesce(\(Self.time("x.ends_ms")), a.ends_at),
            status = coalesce(CASE o.kind WHEN 'auctionClosed' THEN 'closed' WHEN 'auctionCancelled' THEN 'cancelled' END, a.status),
            winner_id = CASE WHEN o.kind = 'auctionClosed' THEN o.actor ELSE a.winner_id END,
            final_price_minor = CASE WHEN o.kind = 'auctionClosed' THEN o.amount ELSE a.final_price_minor END,
            finished_at = coalesce(\(Self.time("o.occurred_ms")), a.finished_at),
            updated_at = greatest(a.updated_at, \(Self.time("t.last_ms")))
        FROM totals t
        LEFT JOIN price p ON p.aggregate_id = t.aggregate_id
        LEFT JOIN extended x ON x.aggregate_id = t.aggregate_id
        LEFT JOIN outcome o ON o.aggregate_id = t.aggregate_id
        WHERE a.auction_id = t.aggregate_id
        """
    }
}
