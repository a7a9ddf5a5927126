import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

/// Batches: many commands decided against the in-memory state and appended by one script call,
/// each still answered for itself, in arrival order, at a Redis `TIME` read after it arrived.
@Suite struct GroupCommitTests {
    /// Starts `first` while Redis refuses writes (`CLIENT PAUSE ... WRITE` holds every script
    /// call until `CLIENT UNPAUSE`), so its batch cannot finish; sends `commands` one at a time,
    /// each once the previous one is queued (so their arrival order is the array's); reads Redis
    /// `TIME` once all of them arrived; then lets Redis go on. Returns the answers of `commands`.
    private func pile(
        _ fixture: CommandFixture, via executor: AuctionCommandExecutor, first: @escaping @Sendable () async throws -> CommandExecution,
        _ commands: [@Sendable () async throws -> CommandExecution]
    ) async throws -> (answers: [CommandExecution], arrivedBy: Int64) {
        let tripsBefore = executor.store.roundTrips
        try await fixture.redis.send("CLIENT", "PAUSE", "120000", "WRITE")
        let head = Task { try await first() }
        var tasks: [Task<CommandExecution, any Error>] = []
        let arrivedBy: Int64
        do {
            let deadline = ContinuousClock.now + .seconds(90)
            while executor.store.roundTrips == tripsBefore {
                guard ContinuousClock.now < deadline else { throw FixtureError("the first command never began") }
                try await Task.sleep(for: .milliseconds(2))
            }
            for (index, command) in commands.enumerated() {
                tasks.append(Task { try await command() })
                while executor.queuedCommands < index + 1 {
                    guard ContinuousClock.now < deadline else { throw FixtureError("only \(executor.queuedCommands) of \(index + 1) queued") }
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
            arrivedBy = try await fixture.redis.time().milliseconds
            try await fixture.redis.send("CLIENT", "UNPAUSE")
        } catch {
            _ = try? await fixture.redis.send("CLIENT", "UNPAUSE")
            throw error
        }
        _ = try await head.value
        var answers: [CommandExecution] = []
        for task in tasks { answers.append(try await task.value) }
        return (answers, arrivedBy)
    }

    @Test func oneBatchAnswersEachCommandForItselfInTwoRoundTrips() async throws {
        try await CommandFixture.with { fixture in
            let paused = fixture.instance(readTimeout: .seconds(120))
            let auction = try await fixture.createAuction(start: 500)
            await fixture.executor.close()  // hands the creation's lease back to whoever comes next
            let id = auction.auctionID
            let tripsBefore = paused.store.roundTrips
            let bids: [(UserID, Int64, String)] = [
                ("carol", 2_000, "c1"), ("dave", 100, "d1"), ("erin", 3_000, "e1"), ("carol", 2_000, "c1"), ("frank", 2_500, "f1"),
            ]
            let (answers, _) = try await pile(
                fixture, via: paused, first: { try await fixture.bid(id, by: "bob", 1_000, key: "b1", via: paused) },
                bids.map { bid in { try await fixture.bid(id, by: bid.0, bid.1, key: bid.2, via: paused) } })
            // The first command's batch, then one batch for all the others: two round trips each.
            #expect(paused.store.roundTrips - tripsBefore == 4)
            #expect(answers.map(\.record.status) == [201, 409, 201, 201, 201])
            // The same key twice in one batch: one decision, one append, the same answer.
            guard case .replayed(let again, let againIDs) = answers[3] else { Issue.record("expected a replay: \(answers[3])"); return }
            #expect(again == answers[0].record)
            #expect(againIDs == answers[0].entryIDs)
            let events = try await fixture.publicEvents(of: id)
            #expect(events.map(\.version) == Array(1...Int64(events.count)))
            let bidders = events.compactMap { if case .bidAccepted(let bid) = $0.event { bid.bidder } else { nil } }
            #expect(bidders == ["bob", "carol", "erin", "frank"])
            let rebuilt = try await AuctionLogReader(redis: fixture.redis, layout: fixture.layout).rebuild(id)
            #expect(try await fixture.snapshot(of: id) == rebuilt)
            #expect(rebuilt?.leader == "erin")
        }
    }

    @Test func bidsAreDecidedInArrivalOrderAtATimeReadAfterTheyArrived() async throws {
        try await CommandFixture.with { fixture in
            let paused = fixture.instance(readTimeout: .seconds(120))
            let auction = try await fixture.createAuction(start: 500)
            await fixture.executor.close()  // hands the creation's lease back to whoever comes next
            let id = auction.auctionID
            // Rising maximums in arrival order, then two equal ones: both are accepted (as on eBay) and
            // the earlier of the two leads.
            var bids: [(UserID, Int64)] = (1...8).map { (UserID("rising-\($0)"), 1_000 + Int64($0) * 1_000) }
            bids += [("equal-first", 50_000), ("equal-second", 50_000)]
            let (answers, arrivedBy) = try await pile(
                fixture, via: paused, first: { try await fixture.bid(id, by: "opener", 600, via: paused) },
                bids.map { bid in { try await fixture.bid(id, by: bid.0, bid.1, via: paused) } })
            #expect(answers.map(\.record.status) == Array(repeating: 201, count: 10))
            let events = try await fixture.publicEvents(of: id)
            let accepted = events.compactMap { if case .bidAccepted(let bid) = $0.event { bid.bidder } else { nil } }
            #expect(accepted == ["opener"] + bids.map(\.0))
            let state = try await fixture.snapshot(of: id)
            #expect(state?.leader == "equal-first")
            // Decided with Redis TIME read after every one of them arrived (`arrivedBy` was read
            // once all were queued, before their batch began).
            for answer in answers {
                guard case .decided(_, _, let decided, _) = answer else { continue }
                for event in decided.compactMap(\.publicEnvelope) { #expect(event.timestamp >= arrivedBy) }
            }
        }
    }
}
