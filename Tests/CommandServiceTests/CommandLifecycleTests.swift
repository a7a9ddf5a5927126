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
            let bid = Task {
                try await service.curl(0, "/v1/auctions/\(auctionID)/bids", body: #"{"maximum":{"currency":"EUR","minorUnits":700}}"#,
                                       token: try CommandProcesses.token(for: "bob"), key: "b")
            }
            // Ordering, not timing: SIGTERM once the bid holds the auction's lock (it then pauses
            // 800 ms before committing), so the command is surely in flight.
            let probe = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let lockKey = AuctionKeys(auctionID: auctionID, layout: EventStreamLayout()).lock
            let deadline = ContinuousClock.now + .seconds(20)
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
}
