import AuctionDomain
import Shared

/// The flat row one event becomes in the staging table that the set-based statements read
/// (`ReadModelStatements`). Every event type fills the columns it has and leaves the others NULL.
///
/// The columns are generic on purpose (`actor` is the seller, bidder, leader, winner, canceller
/// or registered user), so that one narrow table serves every type.
enum StagedEvent {
    /// The temporary staging table: one per session, emptied at every commit.
    static let table = "pg_temp.projection_stage"

    static let createTable = """
        CREATE TEMP TABLE IF NOT EXISTS projection_stage (
            position bigint NOT NULL, kind text NOT NULL, aggregate_id text NOT NULL, version bigint NOT NULL,
            occurred_ms bigint NOT NULL, actor text, title text, description text, currency text, amount bigint,
            has_reserve boolean, reserve_met boolean, starts_ms bigint, ends_ms bigint,
            window_seconds bigint, extension_seconds bigint, number bigint, display_name text
        ) ON COMMIT DELETE ROWS
        """

    static let columns = [
        "position", "kind", "aggregate_id", "version", "occurred_ms", "actor", "title", "description", "currency", "amount",
        "has_reserve", "reserve_met", "starts_ms", "ends_ms", "window_seconds", "extension_seconds", "number", "display_name",
    ]

    /// The staging row of `envelope`, committed at `position`.
    static func row(_ envelope: PublicEventEnvelope, position: Int64) -> [PostgresValue] {
        var row = Row()
        switch envelope.event {
        case .userRegistered(let event):
            row.actor = .text(event.userID.rawValue)
            row.displayName = .text(event.displayName)
        case .auctionCreated(let event):
            row.actor = .text(event.seller.rawValue)
            row.title = .text(event.title)
            row.description = .text(event.description)
            row.money(event.startingPrice)
            row.hasReserve = .bool(event.hasReserve)
            row.startsMs = .int(event.startsAt)
            row.endsMs = .int(event.endsAt)
            row.windowSeconds = .int(event.softClose.windowSeconds)
            row.extensionSeconds = .int(event.softClose.extensionSeconds)
        case .bidAccepted(let event):
            row.actor = .text(event.bidder.rawValue)
            row.number = .int(Int64(event.bidNumber))
        case .priceChanged(let event):
            row.actor = .text(event.leader.rawValue)
            row.money(event.price)
            row.reserveMet = .bool(event.reserveMet)
        case .endExtended(let event):
            row.endsMs = .int(event.endsAt)
        case .auctionClosed(let event):
            row.actor = event.winner.map { .text($0.rawValue) } ?? .null
            if let price = event.finalPrice { row.money(price) }
            row.reserveMet = .bool(event.reserveMet)
            row.number = .int(Int64(event.bidCount))
        case .auctionCancelled(let event):
            row.actor = .text(event.cancelledBy.rawValue)
        }
        let aggregate: String
        switch envelope.aggregate {
        case .auction(let id): aggregate = id.rawValue
        case .user(let id): aggregate = id.rawValue
        }
        return [
            .int(position), .text(envelope.event.typeName), .text(aggregate), .int(envelope.version), .int(envelope.timestamp),
            row.actor, row.title, row.description, row.currency, row.amount, row.hasReserve, row.reserveMet,
            row.startsMs, row.endsMs, row.windowSeconds, row.extensionSeconds, row.number, row.displayName,
        ]
    }

    /// The optional columns, NULL unless the event's type sets them.
    private struct Row {
        var actor = PostgresValue.null, title = PostgresValue.null, description = PostgresValue.null
        var currency = PostgresValue.null, amount = PostgresValue.null
        var hasReserve = PostgresValue.null, reserveMet = PostgresValue.null
        var startsMs = PostgresValue.null, endsMs = PostgresValue.null
        var windowSeconds = PostgresValue.null, extensionSeconds = PostgresValue.null
        var number = PostgresValue.null, displayName = PostgresValue.null

        mutating func money(_ money: Money) {
            currency = .text(money.currency.code)
            amount = .int(money.minorUnits)
        }
    }
}
