import AuctionDomain

/// An auction whose lease this writer holds (or may hold: see `snapshot`), with its state in
/// memory so that consecutive batches decide without reading the snapshot again.
struct HeldLease: Sendable {
    /// What the writer knows of the auction's state.
    enum Snapshot: Sendable, Equatable {
        /// Must be read again (never read, or a commit's outcome is unknown or was refused).
        case unknown
        /// The state after the last committed batch (nil: the auction does not exist).
        case known(AuctionState?)
    }

    /// The lease's token. Kept while the writer remembers the auction, also after a failed round
    /// trip, so that a lease it took without seeing the answer is still recognised as its own.
    let token: LockToken
    var snapshot: Snapshot
    /// The last batch that used the lease: it is handed back after an idle period.
    var lastUsed: ContinuousClock.Instant
}
