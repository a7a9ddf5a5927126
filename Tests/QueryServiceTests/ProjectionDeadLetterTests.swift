import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// Entries the projection cannot apply go to `dead_letters`; the projection goes on.
@Suite struct ProjectionDeadLetterTests {
    @Test func unreadableEntriesAndVersionGapsAreDeadLetteredAndTheProjectionContinues() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 21, userCount: 4, auctionCount: 3, bidCount: 20)
        let users = EventStreamLayout.userStream
        let partition = testbed.layout.publicStream(partition: 0)
        try await testbed.appendRaw(users, [("type", "userRegistered"), ("event", "{not json")])
        let renamed = #"{"schemaVersion":1,"type":"auctionRenamed","auctionID":"a","version":1,"commandID":"c","timestamp":1,"data":{}}"#
        try await testbed.appendRaw(partition, [("type", "auctionRenamed"), ("event", renamed)])
        try await testbed.appendRaw(partition, [("type", "bidAccepted"), ("event", #"{"schemaVersion":2,"type":"bidAccepted"}"#)])
        try await testbed.appendRaw(partition, [("type", "bidAccepted")])
        // A gap: version 5 of an auction nobody created.
        let gap = PublicEventEnvelope(
            aggregate: .auction("ghost"), version: 5, commandID: "c-ghost", timestamp: 1,
            event: .endExtended(EndExtended(endsAt: 2)))
        try await testbed.append([gap])
        try await testbed.append(history.events)
        let monitor = ProjectionMonitor()
        let projector = testbed.projector(monitor: monitor)
        try await testbed.projectUntilCaughtUp(projector)

        let rows = try await testbed.database.query("SELECT stream, reason, raw_fields::text AS raw FROM read_model.dead_letters ORDER BY id")
        let reasons = try rows.map { try $0.decode(String.self, "reason") }
        #expect(rows.count == 5)
        #expect(reasons.contains { $0.contains("not valid JSON") })
        #expect(reasons.contains { $0.contains("Unknown event type \"auctionRenamed\"") })
        #expect(reasons.contains { $0.contains("Unsupported event schema version 2") })
        #expect(reasons.contains { $0.contains("no \"event\" field") })
        #expect(reasons.contains { $0.contains("version gap") })
        let raws = try rows.map { try $0.decode(String.self, "raw") }
        #expect(raws.contains { $0.contains("{not json") })
        #expect(monitor.status.deadLetters == 5)
        #expect(monitor.status.appliedEvents == Int64(history.events.count))
        let reader = ReadModelReader(database: testbed.database)
        for (id, state) in history.states {
            let record = try await reader.auction(id.rawValue)
            #expect(record?.version == state.version)
        }
        #expect(try await reader.auction("ghost") == nil)
        await projector.close()
        await testbed.close()
    }

    @Test func aTypeFieldThatDisagreesWithTheEnvelopeIsDeadLettered() async throws {
        let testbed = try await ProjectionTestbed.make()
        let event = try UserRegistration.register(userID: "u1", displayName: "Ann", commandID: "c1", now: 1_000).get()
        try await testbed.appendRaw(
            EventStreamLayout.userStream, [("type", "auctionCreated"), ("event", String(decoding: try event.jsonData(), as: UTF8.self))])
        let projector = testbed.projector()
        try await testbed.projectUntilCaughtUp(projector)
        let reason = try await testbed.database.query("SELECT reason FROM read_model.dead_letters")[0].decode(String.self, "reason")
        #expect(reason.contains("disagrees"))
        #expect(try await ReadModelReader(database: testbed.database).user("u1") == nil)
        await projector.close()
        await testbed.close()
    }

    @Test func anEventTheDatabaseRefusesIsIsolatedAndDeadLetteredWithoutStoppingTheBatch() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 23, userCount: 6, auctionCount: 8, bidCount: 60)
        // PostgreSQL text cannot hold NUL, which JSON can: a user named "A\u0000B" is refused.
        let poisoned = PublicEventEnvelope(
            aggregate: .user("poison"), version: 1, commandID: "c-poison", timestamp: 5,
            event: .userRegistered(UserRegistered(userID: "poison", displayName: "A\u{0}B")))
        try await testbed.append(Array(history.events.prefix(10)) + [poisoned] + history.events.dropFirst(10))
        let monitor = ProjectionMonitor()
        let projector = testbed.projector(monitor: monitor)
        try await testbed.projectUntilCaughtUp(projector)
        let reason = try await testbed.database.query("SELECT reason FROM read_model.dead_letters")[0].decode(String.self, "reason")
        #expect(reason.contains("refused"))
        #expect(monitor.status.appliedEvents == Int64(history.events.count))
        #expect(try await testbed.checksum()["users"]?.hasPrefix("\(history.users.count):") == true)
        await projector.close()
        await testbed.close()
    }

    @Test(arguments: [(Int64(0), Int64(1), "applied"), (1, 1, "duplicate"), (3, 1, "duplicate"), (1, 3, "gap")])
    func theBatchPlanChecksVersionsPerAggregate(stored: Int64, version: Int64, expected: String) throws {
        let envelope = PublicEventEnvelope(
            aggregate: .auction("a"), version: version, commandID: "c", timestamp: 1, event: .endExtended(EndExtended(endsAt: 2)))
        let entry = ProjectionEntry(
            stream: "s",
            entry: RedisStreamEntry(id: RedisStreamEntryID(milliseconds: 1, sequence: 0), fields: [("event", Array(try envelope.jsonData()))]))
        let plan = BatchPlan.make([entry], storedVersions: [.auction("a"): stored])
        let outcome = !plan.steps.isEmpty ? "applied" : plan.duplicates == 1 ? "duplicate" : plan.deadLetters.isEmpty ? "?" : "gap"
        #expect(outcome == expected)
    }
}
