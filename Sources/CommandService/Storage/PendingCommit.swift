import AuctionDomain

/// Everything the commit script needs: the decision's events and resulting state, the version
/// they were decided against, the lock token and the record to keep for retries.
struct PendingCommit: Sendable {
    let keys: AuctionKeys
    let commandID: CommandID
    let token: LockToken
    /// The snapshot version the decision read (0: no auction yet). The fence.
    let expectedVersion: Int64
    /// In order, public events and their private annexes; empty for a rejection.
    let events: [DomainEvent]
    /// The state after `events`; only written when there are events.
    let state: AuctionState?
    /// The idempotency record; nil stores none (the lock is still released).
    let record: CommandRecord?
    let recordTTLSeconds: Int
    /// The answer to the client, stored or not.
    let outcome: CommandRecord
}
