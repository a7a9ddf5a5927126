import AuctionDomain
import Shared
import Synchronization

/// The auction side of Redis as the command path uses it: the two scripts of a command, one
/// round trip each. Counts its round trips, so tests (and metrics) can check that an
/// uncontended command costs exactly two.
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

    /// Round trip 1: the stored outcome of `commandID`, or the lock plus snapshot and clock.
    func begin(_ keys: AuctionKeys, commandID: CommandID, token: LockToken, leaseMilliseconds: Int64) async throws
        -> BeginScript.Reply
    {
        let call = BeginScript.call(keys: keys, commandID: commandID, token: token, leaseMilliseconds: leaseMilliseconds)
        trips.add(1, ordering: .relaxed)
        return try BeginScript.parse(try await redis.evaluate(BeginScript.script, keys: call.keys, arguments: call.arguments))
    }

    /// Round trip 2: the conditional append (see `CommitScript`).
    func commit(_ commit: PendingCommit) async throws -> CommitScript.Reply {
        let call = try CommitScript.call(commit)
        trips.add(1, ordering: .relaxed)
        return try CommitScript.parse(try await redis.evaluate(CommitScript.script, keys: call.keys, arguments: call.arguments))
    }
}
