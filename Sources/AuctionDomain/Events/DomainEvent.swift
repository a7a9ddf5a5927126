/// One entry of an auction's full history as the CommandService sees it: a public event or a
/// private annex. ``AuctionState`` is the left fold of these, in order.
///
/// Writers split a decision with ``publicEnvelope`` / ``privateEnvelope`` and append each part to
/// its own stream; the two stream types differ, so the compiler keeps private facts out of the
/// public stream.
public enum DomainEvent: Hashable, Sendable {
    case `public`(PublicEventEnvelope)
    case `private`(PrivateEventEnvelope)

    /// The envelope, when this is a public event.
    public var publicEnvelope: PublicEventEnvelope? {
        if case .public(let envelope) = self { envelope } else { nil }
    }

    /// The envelope, when this is a private annex.
    public var privateEnvelope: PrivateEventEnvelope? {
        if case .private(let envelope) = self { envelope } else { nil }
    }

    /// The public version this entry has or annexes.
    public var version: Int64 {
        switch self {
        case .public(let envelope): envelope.version
        case .private(let envelope): envelope.version
        }
    }

    /// Rebuilds the full order from the two streams of one auction: each private annex goes right
    /// after the public event with its version. Both inputs must be in stream order.
    public static func merge(public publicEvents: [PublicEventEnvelope], private privateEvents: [PrivateEventEnvelope])
        -> [DomainEvent]
    {
        var merged: [DomainEvent] = []
        merged.reserveCapacity(publicEvents.count + privateEvents.count)
        var annexes = privateEvents[...]
        for event in publicEvents {
            while let annex = annexes.first, annex.version < event.version {
                merged.append(.private(annex))
                annexes = annexes.dropFirst()
            }
            merged.append(.public(event))
        }
        merged.append(contentsOf: annexes.map(DomainEvent.private))
        return merged
    }
}
