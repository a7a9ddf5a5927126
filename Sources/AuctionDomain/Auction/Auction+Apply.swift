extension Auction {
    /// The one way state changes: `apply(state, event) -> state`. `nil` stands for "no auction
    /// yet", which only an `auctionCreated` at version 1 can follow. Public events must arrive at
    /// `version + 1`; a private annex carries the version of the public event it follows.
    public static func apply(_ state: AuctionState?, _ event: DomainEvent) throws(EventReplayError) -> AuctionState {
        guard let state else { return try create(from: event) }
        switch event {
        case .public(let envelope):
            try check(envelope.aggregate, of: state, version: envelope.version, expected: state.version + 1)
            return try applying(envelope.event, to: state, version: envelope.version)
        case .private(let envelope):
            try check(envelope.aggregate, of: state, version: envelope.version, expected: state.version)
            var next = state
            switch envelope.event {
            case .maximumRecorded(let recorded): next.maximums[recorded.bidder] = recorded.maximum
            case .auctionTermsRecorded(let terms): next.reservePrice = terms.reservePrice
            }
            return next
        }
    }

    /// The left fold of a whole history, e.g. ``DomainEvent/merge(public:private:)`` of the two
    /// streams; `nil` for an empty one.
    public static func replay(_ events: some Sequence<DomainEvent>) throws(EventReplayError) -> AuctionState? {
        var state: AuctionState?
        for event in events { state = try apply(state, event) }
        return state
    }

    private static func create(from event: DomainEvent) throws(EventReplayError) -> AuctionState {
        guard let envelope = event.publicEnvelope, case .auctionCreated(let created) = envelope.event,
              case .auction(let auctionID) = envelope.aggregate
        else { throw .notCreatedYet }
        guard envelope.version == 1 else { throw .versionOutOfOrder(expected: 1, actual: envelope.version) }
        return AuctionState(auctionID: auctionID, created: created)
    }

    private static func check(_ aggregate: AggregateID, of state: AuctionState, version: Int64, expected: Int64)
        throws(EventReplayError)
    {
        guard aggregate == .auction(state.auctionID) else {
            throw .wrongAggregate(expected: state.auctionID, actual: aggregate)
        }
        guard version == expected else { throw .versionOutOfOrder(expected: expected, actual: version) }
    }

    private static func applying(_ event: PublicEvent, to state: AuctionState, version: Int64)
        throws(EventReplayError) -> AuctionState
    {
        var next = state
        next.version = version
        switch event {
        case .userRegistered: throw .notAnAuctionEvent(event.typeName)
        case .auctionCreated: throw .alreadyCreated
        case .bidAccepted(let bid): next.bidCount = bid.bidNumber
        case .priceChanged(let change):
            next.price = change.price
            next.leader = change.leader
        case .endExtended(let extended): next.endsAt = extended.endsAt
        case .auctionClosed: next.phase = .closed
        case .auctionCancelled: next.phase = .cancelled
        }
        return next
    }
}
