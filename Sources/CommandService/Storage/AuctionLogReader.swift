import AuctionDomain
import Shared

/// Rebuilds an auction from its events: the public and private streams of its partition, read
/// from the start, filtered to the auction, merged (`DomainEvent.merge`) and folded
/// (`Auction.replay`). This is the proof that the snapshot is only a cache, and the way to
/// recover one that was lost.
///
/// It scans whole partition streams, so it is a repair and audit tool, not part of the command path.
struct AuctionLogReader: Sendable {
    let redis: RedisClient
    let layout: EventStreamLayout
    var pageSize = 1_000

    /// The auction's full history in order, private annexes included.
    func history(of auctionID: AuctionID) async throws -> [DomainEvent] {
        let keys = AuctionKeys(auctionID: auctionID, layout: layout)
        let publicEvents: [PublicEventEnvelope] = try await events(in: keys.publicStream, of: auctionID)
        let privateEvents: [PrivateEventEnvelope] = try await events(in: keys.privateStream, of: auctionID)
        return DomainEvent.merge(public: publicEvents, private: privateEvents)
    }

    /// The state the log implies; nil when the auction has no events.
    func rebuild(_ auctionID: AuctionID) async throws -> AuctionState? {
        try Auction.replay(try await history(of: auctionID))
    }

    /// Rebuilds the auction and stores the result as its snapshot (the repair for a lost snapshot).
    func restoreSnapshot(_ auctionID: AuctionID) async throws -> AuctionState? {
        guard let state = try await rebuild(auctionID) else { return nil }
        let keys = AuctionKeys(auctionID: auctionID, layout: layout)
        try await redis.send("HSET", RedisArgument(keys.snapshot), "version", RedisArgument(state.version),
                             "state", RedisArgument(AuctionSnapshotCoding.encode(state)))
        return state
    }

    private func events<Event: EventKind>(in stream: String, of auctionID: AuctionID) async throws -> [EventEnvelope<Event>] {
        var found: [EventEnvelope<Event>] = []
        var start = "-"
        while true {
            let reply = try await redis.send("XRANGE", RedisArgument(stream), RedisArgument(start), "+", "COUNT", RedisArgument(pageSize))
            let entries = try (reply.array ?? []).map(Self.entry)
            for entry in entries {
                let envelope: EventEnvelope<Event> = try EventStreamEntryCoding.decode(entry)
                if envelope.aggregate == .auction(auctionID) { found.append(envelope) }
            }
            guard entries.count == pageSize, let last = entries.last else { return found }
            start = "(" + last.id.description
        }
    }

    /// One `XRANGE` element: `[id, [field, value, ...]]`.
    private static func entry(_ value: RedisValue) throws -> RedisStreamEntry {
        guard let parts = value.array, parts.count == 2, let id = parts[0].string.flatMap(RedisStreamEntryID.init),
              let flat = parts[1].array, flat.count.isMultiple(of: 2)
        else { throw StoreError.unexpected("XRANGE", value) }
        let fields = stride(from: 0, to: flat.count, by: 2).map { (name: flat[$0].string ?? "", value: flat[$0 + 1].bytes ?? []) }
        return RedisStreamEntry(id: id, fields: fields)
    }
}
