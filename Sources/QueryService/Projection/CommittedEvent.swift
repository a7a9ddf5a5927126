import AuctionDomain

/// One public event that the projection has committed to this node's read model.
///
/// `position` is node-local: 1, 2, 3… in commit order across all streams, stored in the read
/// model in the same transaction as the event's effects. A page embeds the position it was
/// rendered at, and a live subscription resumes strictly after it: that is the gap-free handoff
/// between server-side rendering and live updates. Positions differ between nodes (each folds
/// the partitions in its own interleaving); a browser that reconnects to another node reloads.
struct CommittedEvent: Sendable, Hashable {
    let position: Int64
    let envelope: PublicEventEnvelope
}

/// Receives committed events, in position order, right after their transaction committed and
/// never before. Called on the projector's task: implementations must return quickly (hand off
/// to their own queue) and must not throw.
protocol CommittedEventListener: Sendable {
    func committed(_ events: [CommittedEvent])

    /// The read model was replaced by a rebuild (schema swap): positions before `position` no
    /// longer describe what readers see, and the next event will have a position after it.
    /// Live clients should reload their page. Optional: the default does nothing.
    func readModelReplaced(position: Int64)
}

extension CommittedEventListener {
    func readModelReplaced(position: Int64) {}
}
