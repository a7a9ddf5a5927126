import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

/// Leases kept across batches: handed over between writers, handed back when asked, when idle and
/// at shutdown; and the group commit refusing a segment whose lease or version moved.
@Suite struct LeaseTests {
    /// Leases that only a hand-off request or a shutdown ends (idle for a minute).
    private static let keeping = LockPolicy(leaseMilliseconds: 240_000, idleReleaseMilliseconds: 60_000)

    private func holder(_ fixture: CommandFixture, _ auctionID: AuctionID) async throws -> String? {
        try await fixture.redis.send("GET", RedisArgument(fixture.store.keys(of: auctionID).lock)).string
    }

    @Test func aBusyHolderHandsTheLeaseToAWaitingWriterAfterItsNextBatch() async throws {
        try await CommandFixture.with(policy: Self.keeping) { fixture in
            let auction = try await fixture.createAuction(start: 500)
            let id = auction.auctionID
            let first = try #require(try await holder(fixture, id))
            let other = fixture.instance(policy: LockPolicy(leaseMilliseconds: 240_000, waitMilliseconds: 20_000, idleReleaseMilliseconds: 60_000))
            let waiting = Task { try await fixture.bid(id, by: "carol", 2_000, via: other) }
            // The waiting writer asks for the lease (the hand-off marker holds its token).
            let handoff = RedisArgument(fixture.store.keys(of: id).handoff)
            while try await fixture.redis.send("EXISTS", handoff).int != 1 { try await Task.sleep(for: .milliseconds(2)) }
            #expect(try await holder(fixture, id) == first)
            // The holder's next batch commits, then hands the lease over instead of keeping it. (On a
            // loaded machine the waiter's request can lapse before that batch; the holder then keeps
            // the lease, and its next batch sees the renewed request.)
            var raise: Int64 = 1_000
            while try await holder(fixture, id) == first {
                #expect(try await fixture.bid(id, by: "bob", raise).record.status == 201)
                raise += 100
                guard raise < 3_000 else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await waiting.value.record.status == 201)
            let second = try #require(try await holder(fixture, id))
            #expect(second != first)
            let bidders = try await fixture.publicEvents(of: id).compactMap { if case .bidAccepted(let bid) = $0.event { bid.bidder } else { nil } }
            #expect(bidders.last == "carol")
            #expect(bidders.dropLast().allSatisfy { $0 == "bob" })
            await other.close()
            #expect(try await holder(fixture, id) == nil)
        }
    }

    @Test func anIdleLeaseIsHandedBackAndAnotherWriterTakesOverFromTheSnapshot() async throws {
        try await CommandFixture.with(policy: LockPolicy(idleReleaseMilliseconds: 50)) { fixture in
            let auction = try await fixture.createAuction(start: 500)
            _ = try await fixture.bid(auction.auctionID, by: "bob", 1_000)
            let other = fixture.instance()
            let taken = try await fixture.bid(auction.auctionID, by: "carol", 2_000, via: other)
            guard case .decided(_, _, _, let state?) = taken else { Issue.record("not decided: \(taken)"); return }
            #expect(state.leader == "carol")
            #expect(state.bidCount == 2)
            // And back: the first writer forgot its state with the lease, and reads the snapshot.
            let back = try await fixture.bid(auction.auctionID, by: "bob", 5_000)
            guard case .decided(_, _, _, let last?) = back else { Issue.record("not decided: \(back)"); return }
            #expect(last.bidCount == 3)
            #expect(try await fixture.snapshot(of: auction.auctionID) == last)
        }
    }

    @Test func closingTheExecutorHandsEveryLeaseBack() async throws {
        try await CommandFixture.with(policy: Self.keeping) { fixture in
            let other = fixture.instance(policy: Self.keeping)
            let auction = try await fixture.createAuction()
            await fixture.executor.close()
            _ = try await fixture.bid(auction.auctionID, by: "bob", 900, via: other)
            #expect(try await holder(fixture, auction.auctionID) != nil)
            await other.close()
            #expect(try await holder(fixture, auction.auctionID) == nil)
            await #expect(throws: CommandUnavailable.shuttingDown) { try await fixture.bid(auction.auctionID, by: "carol", 2_000, via: other) }
        }
    }

    @Test func theGroupCommitRefusesOnlyTheSegmentWhoseVersionOrLeaseMoved() async throws {
        try await CommandFixture.with { fixture in
            // Two auctions in one partition (nine always have two sharing one of eight).
            var byPartition: [Int: [AuctionState]] = [:]
            for _ in 0..<9 {
                let created = try await fixture.createAuction()
                byPartition[fixture.layout.partition(of: created.auctionID), default: []].append(created)
            }
            await fixture.executor.close()
            let pair = try #require(byPartition.values.first { $0.count >= 2 })
            let (stale, fresh) = (pair[0], pair[1])
            let token = LockToken.random()
            let requests = [stale, fresh].map { LeaseBeginScript.LeaseRequest(keys: fixture.store.keys(of: $0.auctionID), token: token, needsSnapshot: true) }
            let begun = try await fixture.store.begin(requests, idempotencyKeys: [], leaseMilliseconds: 5_000, handoffMilliseconds: 250)
            #expect(begun.leases.allSatisfy { if case .ours(taken: true, handBack: false, snapshot: .some(.some)) = $0 { true } else { false } })

            func segment(_ state: AuctionState, expected: Int64, key: String) throws -> CommitSegment {
                let commandID = CommandIdentity.bid(bidder: "bob", auctionID: state.auctionID, key: key)
                let events = try Auction.decide(state, .placeBid(bidder: "bob", maximum: try Money(minorUnits: 900, currency: .eur)),
                                                commandID: commandID, now: begun.now).get()
                var after: AuctionState? = state
                for event in events { after = try Auction.apply(after, event) }
                return CommitSegment(
                    keys: fixture.store.keys(of: state.auctionID), token: token, expectedVersion: expected,
                    decisions: [.init(commandID: commandID, events: events, record: CommandRecord(fingerprint: "t", status: 201))],
                    state: after, release: false)
            }
            let staleEvents = try await fixture.publicEvents(of: stale.auctionID).count
            let outcomes = try await fixture.store.commit(
                [try segment(stale, expected: stale.version - 1, key: "s"), try segment(fresh, expected: fresh.version, key: "f")],
                leaseMilliseconds: 5_000, recordTTLSeconds: 60)
            #expect(outcomes.first == .conflict(currentVersion: stale.version))
            guard case .committed(let entryIDs)? = outcomes.last else { Issue.record("fresh segment: \(outcomes)"); return }
            #expect(entryIDs.count == 1 && !entryIDs[0].isEmpty)
            #expect(try await fixture.snapshot(of: stale.auctionID) == stale)
            #expect(try await fixture.snapshot(of: fresh.auctionID)?.bidCount == 1)

            // A foreign lease: refused as a whole, nothing of it appears.
            try await fixture.redis.send("SET", RedisArgument(fixture.store.keys(of: stale.auctionID).lock), "someone-else")
            let foreign = try await fixture.store.commit([try segment(stale, expected: stale.version, key: "s")], leaseMilliseconds: 5_000, recordTTLSeconds: 60)
            #expect(foreign == [.leaseLost(currentVersion: stale.version)])
            #expect(try await holder(fixture, stale.auctionID) == "someone-else")
            let staleKeys = fixture.store.keys(of: stale.auctionID)
            let staleCommand = CommandIdentity.bid(bidder: "bob", auctionID: stale.auctionID, key: "s")
            #expect(try await fixture.redis.send("EXISTS", RedisArgument(staleKeys.idempotency(staleCommand))).int == 0)
            #expect(try await fixture.publicEvents(of: stale.auctionID).count == staleEvents)
        }
    }
}
