import AuctionDomain
import Foundation
import Shared
import Synchronization
import Testing
@testable import QueryService

/// Lost history is detected, and a rebuild replaces the read model while readers keep answering.
@Suite struct ProjectionRebuildTests {
    static func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw TimeoutError(what: what) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    struct TimeoutError: Error { let what: String }

    @Test func aRebuildEqualsTheLiveModelWhileReadersKeepAnsweringAndTheLiveProjectorFollows() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 61, userCount: 40, auctionCount: 300, bidCount: 3_000)
        let (early, late) = (history.events.prefix(history.events.count - 500), history.events.suffix(500))
        try await testbed.append(early)
        let monitor = ProjectionMonitor()
        let publisher = CommittedEventPublisher()
        let replacements = ReplacementListener()
        publisher.add(replacements)
        let live = testbed.projector(publisher: publisher, monitor: monitor)
        let running = Task { await live.run() }
        try await Self.waitUntil("live catch-up") { monitor.status.appliedEvents == Int64(early.count) }
        let before = try await testbed.checksum()

        let reader = ReadModelReader(database: testbed.database)
        let someAuction = try #require(history.states.keys.first?.rawValue)
        let stopReading = Mutex(false)
        let readers = Task { () -> (answers: Int, failures: [String]) in
            var answers = 0
            var failures: [String] = []
            while !stopReading.withLock({ $0 }) {
                do {
                    _ = try await reader.openAuctions(limit: 20)
                    if try await reader.auction(someAuction) != nil { answers += 1 } else { failures.append("auction missing") }
                } catch {
                    failures.append("\(error)")
                }
            }
            return (answers, failures)
        }
        let rebuilder = ReadModelRebuilder(
            configuration: testbed.projectorConfiguration(catchUp: 100), redis: testbed.redisConfiguration,
            databaseURL: testbed.databaseURL, logger: testbed.logger)
        let swappedPosition = try await rebuilder.run()
        stopReading.withLock { $0 = true }
        let reads = await readers.value
        #expect(reads.failures.isEmpty, "\(reads.failures.prefix(3))")
        #expect(reads.answers > 0)
        #expect(try await testbed.checksum() == before)
        #expect(swappedPosition > Int64(early.count))

        // The serving projector follows the swap and applies what comes next.
        try await testbed.append(late)
        try await Self.waitUntil("live follows the swap") {
            try await testbed.checksum()["checkpoints"] != before["checkpoints"] && monitor.status.position > swappedPosition + 400
        }
        try await Self.waitUntil("live applies the late events") {
            let version = try await reader.auction(someAuction)?.version
            return version == history.states[AuctionID(someAuction)]?.version && monitor.status.position == swappedPosition + Int64(late.count)
        }
        #expect(replacements.replaced.withLock { $0 } == [swappedPosition])
        let once = try await testbed.otherDatabase()
        let reference = testbed.projector(databaseURL: once)
        try await testbed.projectUntilCaughtUp(reference)
        #expect(try await testbed.checksum() == testbed.checksum(databaseURL: once))
        let schemas = try await testbed.database.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'read_model%' ORDER BY 1")
        #expect(try schemas.map { try $0.decode(String.self, "nspname") } == ["read_model"])
        await live.stop()
        await running.value
        await live.close()
        await reference.close()
        await testbed.close()
    }

    final class ReplacementListener: CommittedEventListener {
        let replaced = Mutex<[Int64]>([])
        func committed(_ events: [CommittedEvent]) {}
        func readModelReplaced(position: Int64) { replaced.withLock { $0.append(position) } }
    }

    @Test func aSecondRebuildOfTheSameDatabaseIsRefusedWhileOneRuns() async throws {
        let testbed = try await ProjectionTestbed.make()
        let holder = PostgresClient(connectionString: testbed.databaseURL, size: 1)
        try await holder.query("SELECT pg_advisory_lock($1)", [.int(ReadModelRebuilder.advisoryLockKey)])
        let rebuilder = ReadModelRebuilder(
            configuration: testbed.projectorConfiguration(), redis: testbed.redisConfiguration, databaseURL: testbed.databaseURL,
            logger: testbed.logger)
        await #expect(throws: ReadModelRebuilder.AlreadyRunning.self) { try await rebuilder.run() }
        // Unlocked explicitly: a closed session's locks are released only once its backend exits.
        try await holder.query("SELECT pg_advisory_unlock($1)", [.int(ReadModelRebuilder.advisoryLockKey)])
        await holder.close()
        try await rebuilder.run()
        await testbed.close()
    }

    @Test func lostHistoryIsDetectedMakesTheNodeNotReadyAndARebuildRecovers() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 71, userCount: 10, auctionCount: 30, bidCount: 200)
        try await testbed.append(history.events)
        let monitor = ProjectionMonitor()
        let projector = testbed.projector(monitor: monitor)
        try await testbed.projectUntilCaughtUp(projector)
        monitor.update { $0.migrationsApplied = true }
        let probe = LagProbe(streams: testbed.projectorConfiguration().streams, redis: testbed.redis, monitor: monitor, logger: testbed.logger)
        #expect(try await probe.probe().isEmpty)
        #expect(monitor.status.notReadyReasons(ReadinessPolicy()).isEmpty)

        // Redis loses everything, then new history starts.
        try await testbed.redis.send("FLUSHALL")
        let fresh = try ProjectionHistory.generate(seed: 72, userCount: 5, auctionCount: 4, bidCount: 20)
        try await testbed.append(fresh.events)
        let lost = try await probe.probe()
        #expect(lost.count == testbed.projectorConfiguration().streams.count)
        #expect(monitor.status.notReadyReasons(ReadinessPolicy()).contains { $0.contains("lost history") })

        let rebuilder = ReadModelRebuilder(
            configuration: testbed.projectorConfiguration(), redis: testbed.redisConfiguration, databaseURL: testbed.databaseURL,
            logger: testbed.logger)
        try await rebuilder.run()
        try await projector.followSwap()
        #expect(try await probe.probe().isEmpty)
        let reader = ReadModelReader(database: testbed.database)
        for (id, state) in fresh.states { #expect(try await reader.auction(id.rawValue)?.version == state.version) }
        #expect(try await reader.auction(try #require(history.states.keys.first).rawValue) == nil)
        await projector.close()
        await testbed.close()
    }
}
