import AuctionDomain

/// Where events live in Redis: the one layout the CommandService writes and every projector reads.
///
/// - Auction events go to one of `partitionCount` partition streams, chosen by a stable hash of the
///   auction id, so that one auction's events are totally ordered in one stream while writes spread
///   over several streams.
/// - Every key of a partition carries the hash tag `{pN}`: the public stream, the private stream,
///   snapshots, locks, idempotency records and the closing schedule of that partition share a
///   Redis Cluster slot, so one script can touch them all atomically. That is the path to Redis
///   Cluster: partitions spread over nodes, nothing else changes.
/// - User events (registrations) have their own stream in the slot `{u}`, beside the index of
///   taken names, so that a registration and its uniqueness check are one atomic script.
/// - Each stream entry holds one event: field `type` (the event's type name, for cheap filtering)
///   and field `event` (the JSON envelope of `docs/events.md`).
///
/// Why the private stream cannot leak: projectors read `publicStreams` only; the private stream
/// names are used by the CommandService alone (see `docs/events.md`, "Where maximums are kept").
///
/// `partitionCount` is fixed for the lifetime of a data set: changing it would move auctions to
/// other streams. The CommandService records it in Redis (`metaKey`) and refuses to start with a
/// different value.
package struct EventStreamLayout: Sendable, Hashable {
    /// The default number of auction partitions.
    package static let defaultPartitionCount = 8
    /// The stream of user events (`userRegistered`).
    package static let userStream = "users:{u}:events"
    /// Hash of taken display names (lower-cased name -> user id), same slot as `userStream`.
    package static let userNamesKey = "users:{u}:names"
    /// Records the partition count of this data set.
    package static let metaKey = "auction:meta"
    /// Stream entry field holding the event type name.
    package static let typeField = "type"
    /// Stream entry field holding the JSON envelope.
    package static let eventField = "event"

    package let partitionCount: Int

    package init(partitionCount: Int = EventStreamLayout.defaultPartitionCount) {
        precondition(partitionCount > 0 && partitionCount <= 1024, "partition count must be 1...1024")
        self.partitionCount = partitionCount
    }

    /// The partition of `auction`: FNV-1a (64-bit) of its UTF-8 bytes, modulo the count. Stable
    /// across processes, platforms and releases (unlike `Hasher`, which is seeded per process).
    package func partition(of auction: AuctionID) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in auction.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(partitionCount))
    }

    /// The hash tag shared by every key of `partition`.
    package func hashTag(partition: Int) -> String { "{p\(partition)}" }

    /// The public event stream of `partition`: read by every QueryService.
    package func publicStream(partition: Int) -> String { "auction:\(hashTag(partition: partition)):events" }

    /// The private event stream of `partition` (hidden maximums, reserve): CommandService only.
    package func privateStream(partition: Int) -> String { "auction:\(hashTag(partition: partition)):private" }

    /// Every stream a projector reads, in a fixed order: the partitions, then the user stream.
    package var publicStreams: [String] {
        (0..<partitionCount).map { publicStream(partition: $0) } + [Self.userStream]
    }
}
