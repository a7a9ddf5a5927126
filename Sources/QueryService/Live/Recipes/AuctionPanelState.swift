import AuctionDomain

/// The state behind `auction:<id>`: what the price panel shows, folded from the auction's events,
/// and the listing the auction page shows around it (seller, title, description: no event changes
/// them after `auctionCreated`; a cancellation only changes the phase).
///
/// A seed's data may be newer than its position (the read model is read after its position), so
/// events it already reflects can arrive again: the snapshot keeps the auction's stream version
/// and ignores events at or below it, which makes folding exact.
enum AuctionPanelState: Sendable, Equatable {
    /// The read model has no such auction (yet); its `auctionCreated` may still arrive.
    case unknown
    case known(Snapshot)

    struct Snapshot: Sendable, Equatable {
        var seller: UserID
        var title: String
        var description: String
        var price: Money
        var bidCount: Int
        var leader: UserID?
        var endsAt: EpochMilliseconds
        var phase: Phase
        var hasReserve: Bool
        var reserveMet: Bool
        /// The auction stream version this snapshot reflects.
        var version: Int64
    }

    enum Phase: Sendable, Equatable {
        case open
        case closed(winner: UserID?)
        case cancelled
    }

    /// Folds one of the auction's events, unless the state already reflects it.
    mutating func apply(_ envelope: PublicEventEnvelope) {
        switch self {
        case .unknown:
            guard case .auctionCreated(let created) = envelope.event else { return }
            self = .known(Snapshot(
                seller: created.seller, title: created.title, description: created.description, price: created.startingPrice, bidCount: 0, leader: nil, endsAt: created.endsAt, phase: .open,
                hasReserve: created.hasReserve, reserveMet: !created.hasReserve, version: envelope.version))
        case .known(var snapshot):
            guard envelope.version > snapshot.version else { return }
            snapshot.version = envelope.version
            snapshot.apply(envelope.event)
            self = .known(snapshot)
        }
    }
}

extension AuctionPanelState.Snapshot {
    fileprivate mutating func apply(_ event: PublicEvent) {
        switch event {
        case .bidAccepted(let bid): bidCount = max(bidCount, bid.bidNumber)
        case .priceChanged(let change):
            price = change.price
            leader = change.leader
            reserveMet = change.reserveMet
        case .endExtended(let extended): endsAt = extended.endsAt
        case .auctionClosed(let closed):
            phase = .closed(winner: closed.winner)
            price = closed.finalPrice ?? price
            reserveMet = closed.reserveMet
            bidCount = closed.bidCount
        case .auctionCancelled: phase = .cancelled
        case .auctionCreated, .userRegistered: break
        }
    }
}

extension AuctionPanelState {
    /// The view model of the price panel.
    func panel(_ id: AuctionID, names: NameDirectory) -> PricePanel.Model? {
        guard case .known(let snapshot) = self else { return nil }
        let status: PricePanel.Status = switch snapshot.phase {
        case .open: .open
        case .closed(let winner): .ended(winnerName: winner.map(names.name(for:)))
        case .cancelled: .cancelled
        }
        return PricePanel.Model(
            auctionID: id, price: snapshot.price, bidCount: snapshot.bidCount, leaderName: snapshot.leader.map(names.name(for:)),
            endsAt: snapshot.endsAt, status: status, reserve: !snapshot.hasReserve ? .none : snapshot.reserveMet ? .met : .notMet)
    }

    static func recipe(_ id: AuctionID, seed: @escaping @Sendable () async throws -> TopicSeed<Self>)
        -> TopicRecipe<Self, PricePanel.Model>
    {
        TopicRecipe(
            filter: { $0.aggregate == .auction(id) && $0.event.kind != .userRegistered },
            scan: { state, envelope in state.apply(envelope) },
            view: { state, names in state.panel(id, names: names) },
            render: PricePanel.render,
            data: LiveTopicData.auction,
            seed: seed)
    }
}
