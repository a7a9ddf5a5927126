import AuctionDomain

/// The events of one decision: consecutive entries of an auction's merged history that share a
/// command id (a bid's `bidAccepted`, its private `maximumRecorded`, maybe `priceChanged` and
/// `endExtended`). Re-deciding the command against the state before the group must give exactly
/// these events.
struct DecisionGroup: Sendable {
    let commandID: CommandID
    var events: [DomainEvent] = []
    /// Stream positions of `events`, same order, for breach messages.
    var labels: [String] = []

    var publicEvents: [PublicEventEnvelope] { events.compactMap(\.publicEnvelope) }

    /// Splits a merged history (``DomainEvent/merge(public:private:)``) into decisions; `labels`
    /// names each event of `merged` in the same order.
    static func split(_ merged: [DomainEvent], labels: [String]) -> [DecisionGroup] {
        var groups: [DecisionGroup] = []
        for (event, label) in zip(merged, labels) {
            let commandID = event.publicEnvelope?.commandID ?? event.privateEnvelope?.commandID ?? CommandID("")
            if groups.last?.commandID != commandID { groups.append(DecisionGroup(commandID: commandID)) }
            groups[groups.count - 1].events.append(event)
            groups[groups.count - 1].labels.append(label)
        }
        return groups
    }

    /// The command that must have produced this group, rebuilt from its events; nil for a
    /// creation (its draft is not fully in the log, so it is applied, not re-decided) or for a
    /// group that no command can produce (reported by the caller).
    var command: AuctionCommand? {
        guard let first = publicEvents.first else { return nil }
        switch first.event {
        case .bidAccepted(let bid):
            let maximum = events.compactMap { event -> Money? in
                guard case .maximumRecorded(let recorded)? = event.privateEnvelope?.event, recorded.bidder == bid.bidder else { return nil }
                return recorded.maximum
            }.first
            return maximum.map { .placeBid(bidder: bid.bidder, maximum: $0) }
        case .auctionClosed: return .close
        case .auctionCancelled(let cancelled): return .cancel(actor: cancelled.cancelledBy)
        case .auctionCreated, .priceChanged, .endExtended, .userRegistered: return nil
        }
    }

    /// When the decision was made (Redis `TIME`, recorded as every event's timestamp).
    var decidedAt: EpochMilliseconds? { publicEvents.first?.timestamp }

    /// `type vN` of each event, private annexes marked, for a compact comparison message.
    static func summary(_ events: [DomainEvent]) -> String {
        events.map { event -> String in
            switch event {
            case .public(let envelope): "\(envelope.event.typeName) v\(envelope.version) \(Self.payload(envelope))"
            case .private(let envelope): "(private) \(envelope.event.typeName) v\(envelope.version)"
            }
        }.joined(separator: ", ")
    }

    private static func payload(_ envelope: PublicEventEnvelope) -> String {
        switch envelope.event {
        case .priceChanged(let change): "price \(change.price.minorUnits) leader \(change.leader) reserveMet \(change.reserveMet)"
        case .endExtended(let extended): "endsAt \(extended.endsAt)"
        case .auctionClosed(let closed):
            "winner \(closed.winner?.rawValue ?? "none") final \(closed.finalPrice.map { String($0.minorUnits) } ?? "none") bids \(closed.bidCount)"
        case .bidAccepted(let bid): "bidder \(bid.bidder) #\(bid.bidNumber)"
        default: ""
        }
    }
}
