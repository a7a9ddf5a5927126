import AuctionDomain
import Shared
import Synchronization

/// The auction side of Redis as the command path uses it: the two scripts of a batch, one round
/// trip each, and the release of leases. Counts its round trips, so tests (and metrics) can check
/// that an uncontended command costs exactly two, and a batch of many commands two as well.
final class AuctionStore: Sendable {
    let redis: RedisClient
    let layout: EventStreamLayout
    private let trips = Atomic<Int>(0)

    init(redis: RedisClient, layout: EventStreamLayout) {
        self.redis = redis
        self.layout = layout
    }

    /// How many requests this store has sent to Redis.
    var roundTrips: Int { trips.load(ordering: .relaxed) }

    func keys(of auctionID: AuctionID) -> AuctionKeys { AuctionKeys(auctionID: auctionID, layout: layout) }

    /// Round trip 1 of a batch: leases, snapshots where needed, stored outcomes, and the clock.
    func begin(
        _ leases: [LeaseBeginScript.LeaseRequest], idempotencyKeys: [String], leaseMilliseconds: Int64, handoffMilliseconds: Int64
    ) async throws -> LeaseBeginScript.Reply {
        let call = LeaseBeginScript.call(
            leases, idempotencyKeys: idempotencyKeys, leaseMilliseconds: leaseMilliseconds, handoffMilliseconds: handoffMilliseconds)
        trips.add(1, ordering: .relaxed)
        let reply = try await redis.evaluate(LeaseBeginScript.script, keys: call.keys, arguments: call.arguments)
        return try LeaseBeginScript.parse(reply, leases: leases.count, commands: idempotencyKeys.count)
    }

    /// Round trip 2 of a batch: the conditional group append (see `GroupCommitScript`).
    func commit(_ segments: [CommitSegment], leaseMilliseconds: Int64, recordTTLSeconds: Int) async throws
        -> [GroupCommitScript.Outcome]
    {
        guard !segments.isEmpty else { return [] }
        let call = try GroupCommitScript.call(segments, leaseMilliseconds: leaseMilliseconds, recordTTLSeconds: recordTTLSeconds)
        trips.add(1, ordering: .relaxed)
        return try GroupCommitScript.parse(
            try await redis.evaluate(GroupCommitScript.script, keys: call.keys, arguments: call.arguments), segments: segments)
    }

    /// Frees each lease that still holds its token; returns how many it freed.
    @discardableResult
    func release(_ leases: [(keys: AuctionKeys, token: LockToken)]) async throws -> Int {
        guard !leases.isEmpty else { return 0 }
        trips.add(1, ordering: .relaxed)
        let reply = try await redis.evaluate(
            LeaseReleaseScript.script, keys: leases.map { RedisArgument($0.keys.lock) }, arguments: leases.map { RedisArgument($0.token.value) })
        return Int(reply.int ?? 0)
    }
}
