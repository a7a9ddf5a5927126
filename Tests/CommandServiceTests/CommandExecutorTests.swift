import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

@Suite struct CommandExecutorTests {
    @Test func aBidIsAppendedToBothStreamsAndTheSnapshotEqualsTheReplayedLog() async throws {
        try await CommandFixture.with { fixture in
            let auction = try await fixture.createAuction(reserve: 2_000)
            _ = try await fixture.bid(auction.auctionID, by: "bob", 1_000)
            _ = try await fixture.bid(auction.auctionID, by: "carol", 3_000)
            let execution = try await fixture.bid(auction.auctionID, by: "bob", 1_500)
            #expect(execution.record.status == 409)

            let reader = AuctionLogReader(redis: fixture.redis, layout: fixture.layout)
            let rebuilt = try await reader.rebuild(auction.auctionID)
            let snapshot = try await fixture.snapshot(of: auction.auctionID)
            #expect(rebuilt != nil)
            #expect(rebuilt == snapshot)
            #expect(snapshot?.maximums["carol"]?.minorUnits == 3_000)
            #expect(snapshot?.reservePrice?.minorUnits == 2_000)
            let versions = try await fixture.publicEvents(of: auction.auctionID).map(\.version)
            #expect(versions == Array(1...Int64(versions.count)))
        }
    }

    @Test func aLostSnapshotIsRestoredFromTheLog() async throws {
        try await CommandFixture.with { fixture in
            let auction = try await fixture.createAuction()
            _ = try await fixture.bid(auction.auctionID, by: "bob", 900)
            let before = try await fixture.snapshot(of: auction.auctionID)
            try await fixture.redis.send("DEL", RedisArgument(fixture.store.keys(of: auction.auctionID).snapshot))
            let restored = try await AuctionLogReader(redis: fixture.redis, layout: fixture.layout).restoreSnapshot(auction.auctionID)
            #expect(restored == before)
            let execution = try await fixture.bid(auction.auctionID, by: "carol", 2_000)
            #expect(execution.record.status == 201)
        }
    }

    @Test func aRetriedCommandReturnsTheSameAnswerAndAppendsNothing() async throws {
        try await CommandFixture.with { fixture in
            let auction = try await fixture.createAuction()
            let first = try await fixture.bid(auction.auctionID, by: "bob", 1_000, key: "retry-1")
            let length = try await fixture.redis.send("XLEN", RedisArgument(fixture.store.keys(of: auction.auctionID).publicStream)).int
            let second = try await fixture.bid(auction.auctionID, by: "bob", 1_000, key: "retry-1")
            let lengthAfter = try await fixture.redis.send("XLEN", RedisArgument(fixture.store.keys(of: auction.auctionID).publicStream)).int
            guard case .replayed = second else { Issue.record("expected a replay, got \(second)"); return }
            #expect(first.record == second.record)
            #expect(first.entryIDs == second.entryIDs)
            #expect(length == lengthAfter)

            // Rejections are kept too: the same too-low bid stays a 409 with the same minimum.
            let low = try await fixture.bid(auction.auctionID, by: "carol", 100, key: "low")
            let lowAgain = try await fixture.bid(auction.auctionID, by: "carol", 100, key: "low")
            #expect(low.record.status == 409)
            #expect(lowAgain.record == low.record)
        }
    }

    @Test func anUncontendedBidTakesTwoRedisRoundTrips() async throws {
        // The lease is kept for the whole test, so no hand-back round trip comes in between.
        let keep = LockPolicy(leaseMilliseconds: 60_000, idleReleaseMilliseconds: 60_000)
        try await CommandFixture.with(policy: keep) { fixture in
            let auction = try await fixture.createAuction()
            _ = try await fixture.bid(auction.auctionID, by: "bob", 600)  // loads both scripts
            let tripsBefore = fixture.store.roundTrips
            let callsBefore = try await evalshaCalls(fixture.redis)
            let execution = try await fixture.bid(auction.auctionID, by: "carol", 2_000)
            let callsAfter = try await evalshaCalls(fixture.redis)
            #expect(execution.record.status == 201)
            #expect(fixture.store.roundTrips - tripsBefore == 2)
            #expect(callsAfter - callsBefore == 2)
        }
    }

    @Test func aHolderWhoseLeaseExpiredCannotCommitAndStartsOver() async throws {
        let slow = LockPolicy(leaseMilliseconds: 500)
        try await CommandFixture.with { fixture in
            let auction = try await fixture.createAuction()
            // The pause is long against the lease so that the prompt bid, however slow a loaded
            // machine makes it, commits while the late one is still paused.
            let paused = fixture.instance(policy: slow, pauseBeforeCommit: .seconds(3))
            async let late = fixture.bid(auction.auctionID, by: "bob", 1_000, key: "late", via: paused)
            // Ordering, not timing: the late bid holds the lock (its begin ran), then its lease lapses.
            while paused.store.roundTrips < 1 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(800))
            let prompt = try await fixture.bid(auction.auctionID, by: "carol", 800, key: "prompt")
            let lateExecution = try await late
            #expect(prompt.record.status == 201)
            #expect(lateExecution.record.status == 201)
            // At least begin, refused commit, begin, commit; on a loaded machine a begin can also
            // find the prompt bid still holding the lock and be tried again.
            #expect(paused.store.roundTrips >= 4)
            let events = try await fixture.publicEvents(of: auction.auctionID)
            #expect(events.map(\.version) == Array(1...Int64(events.count)))
            let bids = events.filter { if case .bidAccepted = $0.event { true } else { false } }
            #expect(bids.map(\.commandID) == [
                CommandIdentity.bid(bidder: "carol", auctionID: auction.auctionID, key: "prompt"),
                CommandIdentity.bid(bidder: "bob", auctionID: auction.auctionID, key: "late"),
            ])
        }
    }

    @Test func aBidInTheSoftCloseWindowExtendsTheEndAndReschedulesTheClose() async throws {
        try await CommandFixture.with { fixture in
            let policy = SoftClosePolicy(windowSeconds: 3_600, extensionSeconds: 600)
            let auction = try await fixture.createAuction(seconds: 120, softClose: policy)
            guard case .decided(_, _, let events, let state?) = try await fixture.bid(auction.auctionID, by: "bob", 700) else {
                Issue.record("bid not decided"); return
            }
            let extended = events.compactMap(\.publicEnvelope).compactMap { if case .endExtended(let e) = $0.event { e } else { nil } }
            #expect(extended.count == 1)
            #expect(state.endsAt > auction.endsAt)
            let score = try await fixture.redis.send(
                "ZSCORE", RedisArgument(fixture.store.keys(of: auction.auctionID).closing), RedisArgument(auction.auctionID.rawValue)).int
            #expect(score == state.endsAt)
        }
    }

    private func evalshaCalls(_ redis: RedisClient) async throws -> Int {
        let info = try await redis.send("INFO", "commandstats").string ?? ""
        guard let line = info.split(separator: "\r\n").first(where: { $0.hasPrefix("cmdstat_evalsha:") }),
              let calls = line.split(separator: ",").first?.split(separator: "=").last, let count = Int(calls)
        else { return 0 }
        return count
    }
}
