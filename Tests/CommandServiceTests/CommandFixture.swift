import AuctionDomain
import Foundation
import Shared
import TestServers

@testable import CommandService

/// An isolated redis-server (own process, so global keys such as `users:{u}:names` and the
/// closing schedules are this test's alone) with a command executor over it.
struct CommandFixture: Sendable {
    let server: RedisServer
    let redis: RedisClient
    let executor: AuctionCommandExecutor
    var store: AuctionStore { executor.store }
    var layout: EventStreamLayout { store.layout }

    /// Runs `body` with a fresh Redis and stops it afterwards, whatever happens.
    static func with<T: Sendable>(
        policy: LockPolicy = LockPolicy(), pauseBeforeCommit: Duration = .zero,
        _ body: @Sendable (CommandFixture) async throws -> T
    ) async throws -> T {
        let server = try await WorkerThread.blocking { try RedisServer.start() }
        let fixture = CommandFixture(server: server, policy: policy, pauseBeforeCommit: pauseBeforeCommit)
        do {
            let result = try await body(fixture)
            await fixture.close()
            return result
        } catch {
            await fixture.close()
            throw error
        }
    }

    init(server: RedisServer, policy: LockPolicy = LockPolicy(), pauseBeforeCommit: Duration = .zero) {
        self.server = server
        redis = RedisClient(configuration: RedisConfiguration(port: server.port, poolSize: 8))
        executor = AuctionCommandExecutor(
            store: AuctionStore(redis: redis, layout: EventStreamLayout()), policy: policy, pauseBeforeCommit: pauseBeforeCommit,
            metrics: ServiceMetrics())
    }

    /// Another "instance": its own connections and executor over the same Redis.
    /// Another CommandService instance on the same Redis. `readTimeout` bounds each of its calls
    /// (tests that hold Redis back with `CLIENT PAUSE` give it longer than a loaded machine needs).
    func instance(policy: LockPolicy = LockPolicy(), pauseBeforeCommit: Duration = .zero, readTimeout: Duration = .seconds(5)) -> AuctionCommandExecutor {
        AuctionCommandExecutor(
            store: AuctionStore(
                redis: RedisClient(configuration: RedisConfiguration(port: server.port, readTimeout: readTimeout, poolSize: 4)), layout: layout),
            policy: policy, pauseBeforeCommit: pauseBeforeCommit, metrics: ServiceMetrics())
    }

    func close() async {
        await executor.close()
        await redis.close()
        server.stop()
    }

    /// Creates an auction of `seller` starting now, lasting `seconds`, and returns its state.
    func createAuction(
        seller: UserID = "seller", start: Int64 = 500, reserve: Int64? = nil, seconds: Int64 = 600,
        softClose: SoftClosePolicy = .standard, key: String = UUID().uuidString
    ) async throws -> AuctionState {
        let now = try await redis.time().milliseconds
        let draft = AuctionDraft(
            seller: seller, title: "Lot \(key)", startingPrice: try Money(minorUnits: start, currency: .eur),
            reservePrice: try reserve.map { try Money(minorUnits: $0, currency: .eur) }, endsAt: now + seconds * 1000,
            softClose: softClose)
        let auctionID = CommandIdentity.auctionID(seller: seller, key: key)
        let execution = try await run(
            executor, auctionID, CommandIdentity.create(seller: seller, key: key), .create(auctionID: auctionID, draft: draft))
        guard case .decided(_, _, _, let state?) = execution else { throw FixtureError("create failed: \(execution.record)") }
        return state
    }

    /// Places a bid through `executor` (the fixture's own by default).
    func bid(
        _ auctionID: AuctionID, by bidder: UserID, _ minorUnits: Int64, key: String = UUID().uuidString,
        via executor: AuctionCommandExecutor? = nil
    ) async throws -> CommandExecution {
        let maximum = try Money(minorUnits: minorUnits, currency: .eur)
        return try await run(
            executor ?? self.executor, auctionID, CommandIdentity.bid(bidder: bidder, auctionID: auctionID, key: key),
            .placeBid(bidder: bidder, maximum: maximum), bidder: bidder, maximum: maximum)
    }

    func run(
        _ executor: AuctionCommandExecutor, _ auctionID: AuctionID, _ commandID: CommandID, _ command: AuctionCommand,
        bidder: UserID? = nil, maximum: Money? = nil
    ) async throws -> CommandExecution {
        let request = CommandRequest(auctionID: auctionID, commandID: commandID, command: command, fingerprint: "test")
        return try await executor.execute(
            request, record: ReplyBuilder.builder(fingerprint: "test", layout: layout, bidder: bidder, maximum: maximum))
    }

    /// The auction's public events, in stream order.
    func publicEvents(of auctionID: AuctionID) async throws -> [PublicEventEnvelope] {
        try await AuctionLogReader(redis: redis, layout: layout).history(of: auctionID).compactMap(\.publicEnvelope)
    }

    /// The stored snapshot, decoded.
    func snapshot(of auctionID: AuctionID) async throws -> AuctionState? {
        let bytes = try await redis.send("HGET", RedisArgument(store.keys(of: auctionID).snapshot), "state").bytes
        return try bytes.map(AuctionSnapshotCoding.decode)
    }

    /// Test-only time travel, see `moveEnd(of:to:redis:layout:)`.
    func moveEnd(of auctionID: AuctionID, to endsAt: Int64) async throws {
        try await Self.moveEnd(of: auctionID, to: endsAt, redis: redis, layout: layout)
    }

    /// Rewrites the snapshot and the closing schedule as if the auction ended at `endsAt` (the
    /// rules allow no auction shorter than a minute, and Redis `TIME` cannot be moved).
    ///
    /// Like any repair of a snapshot, it takes the auction's lease first: a writer holding the
    /// lease decides from its state in memory and would never see the edit.
    static func moveEnd(of auctionID: AuctionID, to endsAt: Int64, redis: RedisClient, layout: EventStreamLayout) async throws {
        let keys = AuctionKeys(auctionID: auctionID, layout: layout)
        let deadline = ContinuousClock.now + .seconds(10)
        while try await redis.send("SET", RedisArgument(keys.lock), "time-travel", "NX", "PX", "5000").string != "OK" {
            guard ContinuousClock.now < deadline else { throw FixtureError("the lease of \(auctionID) was never handed back") }
            try await Task.sleep(for: .milliseconds(10))
        }
        do {
            let bytes = try requireBytes(await redis.send("HGET", RedisArgument(keys.snapshot), "state").bytes)
            var object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
            object["endsAt"] = endsAt
            let edited = try JSONSerialization.data(withJSONObject: object)
            try await redis.send("HSET", RedisArgument(keys.snapshot), "state", RedisArgument(Array(edited)))
            try await redis.send("ZADD", RedisArgument(keys.closing), RedisArgument(endsAt), RedisArgument(auctionID.rawValue))
            try await redis.send("DEL", RedisArgument(keys.lock))
        } catch {
            _ = try? await redis.send("DEL", RedisArgument(keys.lock))
            throw error
        }
    }
}

/// A precondition of a test's setup that did not hold.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func requireBytes(_ bytes: [UInt8]?) throws -> [UInt8] {
    guard let bytes else { throw FixtureError("missing value") }
    return bytes
}

extension WorkerThread {
    /// Runs a blocking harness call (process start, curl) off the cooperative pool.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let thread = WorkerThread(name: "test-blocking")
        defer { thread.stop() }
        return try await thread.run(body)
    }
}
