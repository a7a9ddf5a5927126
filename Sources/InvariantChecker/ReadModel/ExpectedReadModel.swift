import AuctionDomain

/// The rows a read model must hold, derived from the log alone, as PostgreSQL prints the
/// selected columns (`ReadModelQueries`): booleans `t`/`f`, integers in decimal, times as epoch ms.
enum ExpectedReadModel {
    static func auctions(_ facts: [AuctionID: AuctionFacts]) -> [String: ReadModelNode.Row] {
        var rows: [String: ReadModelNode.Row] = [:]
        for (id, fact) in facts {
            guard let state = fact.state else { continue }
            rows[id.rawValue] = [
                "auction_id": id.rawValue, "seller_id": state.seller.rawValue, "title": state.title,
                "description": state.description, "currency": state.currency.code,
                "starting_price_minor": String(state.startingPrice.minorUnits), "current_price_minor": String(state.price.minorUnits),
                "leader_id": state.leader?.rawValue, "has_reserve": flag(state.hasReserve), "reserve_met": flag(fact.publicReserveMet),
                "status": state.phase.rawValue, "bid_count": String(state.bidCount), "winner_id": fact.winner,
                "final_price_minor": fact.finalPrice.map { String($0) }, "version": String(state.version),
                "ends_ms": String(state.endsAt), "original_ends_ms": String(fact.originalEndsAt),
                "starts_ms": String(state.startsAt), "extension_count": String(fact.extensionCount),
            ]
        }
        return rows
    }

    /// Keyed by `auction_id/bid_number`.
    static func bids(_ facts: [AuctionID: AuctionFacts]) -> [String: ReadModelNode.Row] {
        var rows: [String: ReadModelNode.Row] = [:]
        for (id, fact) in facts where fact.state != nil {
            for bid in fact.bids {
                rows["\(id.rawValue)/\(bid.bidNumber)"] = [
                    "auction_id": id.rawValue, "bid_number": String(bid.bidNumber), "bidder_id": bid.bidder,
                    "version": String(bid.version), "placed_ms": String(bid.placedAt),
                    "price_after_minor": bid.priceAfter.map { String($0) }, "leader_after_id": bid.leaderAfter,
                ]
            }
        }
        return rows
    }

    /// Keyed by user id.
    static func users(_ log: EventLog) -> [String: ReadModelNode.Row] {
        var rows: [String: ReadModelNode.Row] = [:]
        for event in log.users {
            guard case .userRegistered(let user) = event.envelope.event else { continue }
            rows[user.userID.rawValue] = [
                "user_id": user.userID.rawValue, "display_name": user.displayName, "registered_ms": String(event.envelope.timestamp),
            ]
        }
        return rows
    }

    private static func flag(_ value: Bool) -> String { value ? "t" : "f" }
}
