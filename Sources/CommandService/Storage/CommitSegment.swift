import AuctionDomain

/// One auction's part of a group commit: the decisions of consecutive commands against one
/// expected version, under one lease token.
struct CommitSegment: Sendable {
    /// One decided command of the segment: its events and the record to keep for retries.
    struct Decision: Sendable {
        let commandID: CommandID
        /// In order, public events and their private annexes; empty for a rejection.
        let events: [DomainEvent]
        /// The idempotency record; nil stores none ("no such auction").
        let record: CommandRecord?
    }

    let keys: AuctionKeys
    let token: LockToken
    /// The snapshot version the first decision read (0: no auction yet). The fence.
    let expectedVersion: Int64
    /// In arrival order.
    let decisions: [Decision]
    /// The state after every decision; stored only when some decision has events.
    let state: AuctionState?
    /// Hand the lease back after this commit (another writer asked for it).
    let release: Bool

    var hasEvents: Bool { decisions.contains { !$0.events.isEmpty } }
}
