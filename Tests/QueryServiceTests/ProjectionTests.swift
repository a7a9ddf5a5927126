import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The projector against real Redis streams and a real PostgreSQL read model.
@Suite struct ProjectionTests {
    @Test func aGeneratedHistoryProjectsIntoTheReadModelTheDomainPredicts() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 7, userCount: 30, auctionCount: 150, bidCount: 700)
        for kind in PublicEvent.Kind.allCases {
            #expect(history.events.contains { $0.event.kind == kind }, "the history has no \(kind)")
        }
        try await testbed.append(history.events)
        let projector = testbed.projector()
        let consumed = try await testbed.projectUntilCaughtUp(projector)
        #expect(consumed == history.events.count)
        let reader = ReadModelReader(database: testbed.database)
        #expect(try await reader.position() == Int64(history.events.count))
        for (id, state) in history.states {
            let record = try #require(try await reader.auction(id.rawValue))
            #expect(record.version == state.version)
            #expect(record.currentPriceMinor == state.price.minorUnits)
            #expect(record.leaderID == state.leader?.rawValue)
            #expect(record.leaderName == state.leader.flatMap { history.users[$0] })
            #expect(record.bidCount == state.bidCount)
            #expect(record.endsAt == state.endsAt)
            #expect(record.reserveMet == state.reserveMet)
            #expect(record.status.rawValue == state.phase.rawValue)
            #expect(record.winnerID == state.winner?.rawValue)
            #expect(record.finalPriceMinor == (state.winner == nil ? nil : state.price.minorUnits))
            #expect(record.description == state.description)
            let bids = try await reader.bids(of: id.rawValue)
            #expect(bids.map(\.bidNumber) == Array(stride(from: 1, through: state.bidCount, by: 1)))
            if state.bidCount > 0 {
                let lastPriced = bids.last { $0.priceAfterMinor != nil }
                #expect(lastPriced?.priceAfterMinor == state.price.minorUnits)
            }
        }
        for (user, name) in history.users {
            let profile = try await reader.user(user.rawValue)
            #expect(profile?.displayName == name)
        }
        await projector.close()
        await testbed.close()
    }

    @Test func twoNodesWithDifferentBatchBoundariesEndWithIdenticalReadModels() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 13, userCount: 15, auctionCount: 40, bidCount: 600)
        try await testbed.append(history.events)
        // One entry per stream per batch splits every decision (bidAccepted | priceChanged | endExtended).
        let small = testbed.projector(catchUp: 1, live: 1)
        try await testbed.projectUntilCaughtUp(small)
        let other = try await testbed.otherDatabase()
        let large = testbed.projector(databaseURL: other, catchUp: 5_000)
        try await testbed.projectUntilCaughtUp(large)
        #expect(try await testbed.checksum() == testbed.checksum(databaseURL: other))
        let priced = try await testbed.database.query("SELECT count(price_after_minor) AS n FROM read_model.bids")[0].decode(Int.self, "n")
        #expect(priced > 0)
        await small.close()
        await large.close()
        await testbed.close()
    }

    @Test func applyingTheSameBatchTwiceChangesNothing() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 3, userCount: 8, auctionCount: 10, bidCount: 80)
        try await testbed.append(history.events)
        let streams = testbed.projectorConfiguration().streams
        let reader = RedisStreamReader(configuration: testbed.redisConfiguration)
        let batches = try await reader.read(streams.map { (key: $0, after: RedisStreamEntryID.zero) }, count: 10_000, block: .milliseconds(100))
        let entries = ProjectionEntry.entries(of: batches)
        let writer = BatchWriter(schema: .live)
        let first = try await testbed.database.withConnection { connection in
            try writer.write(entries, after: ProjectionCursor.load(from: connection, schema: .live), on: connection)
        }
        let before = try await testbed.checksum()
        let second = try await testbed.database.withConnection { connection in
            try writer.write(entries, after: first.cursor, on: connection)
        }
        let after = try await testbed.checksum()
        #expect(first.committed.count == history.events.count)
        #expect(second.committed.isEmpty)
        #expect(second.duplicates == history.events.count)
        for table in ["auctions", "bids", "users", "dead_letters"] { #expect(before[table] == after[table], "\(table)") }
        await reader.close()
        await testbed.close()
    }

    @Test func aBatchBuiltOnAStaleCursorIsRolledBack() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 5, userCount: 3, auctionCount: 2, bidCount: 5)
        try await testbed.append(history.events)
        let reader = RedisStreamReader(configuration: testbed.redisConfiguration)
        let streams = testbed.projectorConfiguration().streams
        let entries = ProjectionEntry.entries(
            of: try await reader.read(streams.map { (key: $0, after: RedisStreamEntryID.zero) }, count: 100, block: .milliseconds(100)))
        let stale = ProjectionCursor(checkpoints: [:], position: 42)
        let writer = BatchWriter(schema: .live)
        await #expect(throws: CursorMismatch.self) {
            try await testbed.database.withConnection { try writer.write(entries, after: stale, on: $0) }
        }
        #expect(try await ReadModelReader(database: testbed.database).position() == 0)
        await reader.close()
        await testbed.close()
    }
}
