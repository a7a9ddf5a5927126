import AuctionDomain
import Foundation
import Shared
import TestServers
import Testing

@testable import CommandService

@Suite struct CommandLifecycleTests {
    @Test func aDataSetKeepsThePartitionCountItWasCreatedWith() async throws {
        try await CommandFixture.with { fixture in
            try await PartitionCountCheck.verify(EventStreamLayout(partitionCount: 8), redis: fixture.redis)
            try await PartitionCountCheck.verify(EventStreamLayout(partitionCount: 8), redis: fixture.redis)
            await #expect(throws: PartitionCountCheck.Mismatch.self) {
                try await PartitionCountCheck.verify(EventStreamLayout(partitionCount: 4), redis: fixture.redis)
            }
        }
    }

    @Test func sigtermLetsTheInFlightCommandCommitAndReleaseItsLock() async throws {
        try await CommandProcesses.with([["--pause-before-commit-ms", "800"]]) { service in
            let lot = #"{"title":"Last call","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":900}"#
            let created = try await service.curl(0, "/v1/auctions", body: lot, token: try CommandProcesses.token(for: "seller"), key: "lot")
            let auctionID = AuctionID(try #require(created.json["auctionID"] as? String))
            let probe = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let lockKey = AuctionKeys(auctionID: auctionID, layout: EventStreamLayout()).lock
            let deadline = ContinuousClock.now + .seconds(20)
            // The creation's lease is handed back once idle; then the bid takes it again.
            while try await probe.send("EXISTS", RedisArgument(lockKey)).int != 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            let bid = Task {
                try await service.curl(0, "/v1/auctions/\(auctionID)/bids", body: #"{"maximum":{"currency":"EUR","minorUnits":700}}"#,
                                       token: try CommandProcesses.token(for: "bob"), key: "b")
            }
            // Ordering, not timing: SIGTERM once the bid holds the auction's lease (it then pauses
            // 800 ms before committing), so the command is surely in flight.
            while try await probe.send("EXISTS", RedisArgument(lockKey)).int != 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            await probe.close()
            kill(service.instances[0].pid, SIGTERM)
            let reply = try await bid.value
            #expect(reply.status == 201)
            let status = try await WorkerThread.blocking { ChildProcess.wait(service.instances[0].pid) }
            #expect(status == 0)

            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let keys = AuctionKeys(auctionID: auctionID, layout: EventStreamLayout())
            #expect(try await redis.send("EXISTS", RedisArgument(keys.lock)).int == 0)
            #expect(try await redis.send("HGET", RedisArgument(keys.snapshot), "version").int == 3)
            await redis.close()
        }
    }

    @Test func gracefulShutdownHandsHeldLeasesBackAtOnce() async throws {
        // Leases kept for a minute when idle: only the shutdown can free this one early.
        try await CommandProcesses.with([["--lock-lease-ms", "240000", "--lease-idle-ms", "60000"]]) { service in
            let lot = #"{"title":"Handed back","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":900}"#
            let created = try await service.curl(0, "/v1/auctions", body: lot, token: try CommandProcesses.token(for: "seller"), key: "lot")
            let auctionID = AuctionID(try #require(created.json["auctionID"] as? String))
            let bid = try await service.curl(0, "/v1/auctions/\(auctionID)/bids", body: #"{"maximum":{"currency":"EUR","minorUnits":700}}"#,
                                             token: try CommandProcesses.token(for: "bob"), key: "b")
            #expect(bid.status == 201)
            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let lock = RedisArgument(AuctionKeys(auctionID: auctionID, layout: EventStreamLayout()).lock)
            #expect(try await redis.send("PTTL", lock).int ?? 0 > 200_000)
            kill(service.instances[0].pid, SIGTERM)
            let status = try await WorkerThread.blocking { ChildProcess.wait(service.instances[0].pid) }
            #expect(status == 0)
            #expect(try await redis.send("EXISTS", lock).int == 0)
            await redis.close()
        }
    }
}
