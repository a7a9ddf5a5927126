import AuctionDomain
import Shared

/// Every Redis key one auction command touches. They all carry the partition's hash tag `{pN}`,
/// so the begin and commit scripts stay within one Redis Cluster slot.
///
/// - `auction:{pN}:snap:<id>`: hash `version`, `state` (the `AuctionState` JSON, private facts
///   included): a cache of the fold of the log, never a source of truth.
/// - `auction:{pN}:lock:<id>`: the per-auction lease, `SET PX` with the holder's random token.
/// - `auction:{pN}:handoff:<id>`: the token of a writer waiting for the lease (short expiry): the
///   holder hands the lease back after its current batch, and nobody else may take it meanwhile.
/// - `auction:{pN}:idem:<command id>`: the outcome of a command, kept 24 h for retries.
/// - `auction:{pN}:closing`: sorted set of open auctions scored by their end (epoch ms).
struct AuctionKeys: Sendable, Hashable {
    let auctionID: AuctionID
    let partition: Int
    let publicStream: String
    let privateStream: String
    let snapshot: String
    let lock: String
    let handoff: String
    let closing: String
    private let prefix: String

    init(auctionID: AuctionID, layout: EventStreamLayout) {
        self.auctionID = auctionID
        partition = layout.partition(of: auctionID)
        prefix = "auction:\(layout.hashTag(partition: partition))"
        publicStream = layout.publicStream(partition: partition)
        privateStream = layout.privateStream(partition: partition)
        snapshot = "\(prefix):snap:\(auctionID.rawValue)"
        lock = "\(prefix):lock:\(auctionID.rawValue)"
        handoff = "\(prefix):handoff:\(auctionID.rawValue)"
        closing = Self.closing(partition: partition, layout: layout)
    }

    /// The idempotency record of `commandID`, in this auction's slot.
    func idempotency(_ commandID: CommandID) -> String { "\(prefix):idem:\(commandID.rawValue)" }

    /// The closing schedule of `partition`.
    static func closing(partition: Int, layout: EventStreamLayout) -> String {
        "auction:\(layout.hashTag(partition: partition)):closing"
    }
}
