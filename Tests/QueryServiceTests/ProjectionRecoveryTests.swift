import AuctionDomain
import Foundation
import Shared
import Synchronization
import Testing
@testable import QueryService

/// Publication after commit, catch-up through large batches, and resuming after a stop.
@Suite struct ProjectionRecoveryTests {
    /// Records what it receives and, at each call, what another connection sees as committed.
    final class CommitCheckingListener: CommittedEventListener {
        let received = Mutex<[CommittedEvent]>([])
        let visibleAtCall = Mutex<[(last: Int64, visible: Int64)]>([])
        let connection: Mutex<PostgresConnection>

        init(databaseURL: String) throws {
            connection = Mutex(try PostgresConnection(connectionString: databaseURL))
        }

        func committed(_ events: [CommittedEvent]) {
            let visible = connection.withLock { connection in
                (try? connection.query("SELECT position FROM read_model.projection_position")[0].decode(Int64.self, "position")) ?? -1
            }
            visibleAtCall.withLock { $0.append((events.last?.position ?? 0, visible)) }
            received.withLock { $0 += events }
        }
    }

    @Test func listenersReceiveEventsInPositionOrderOnlyAfterTheirCommit() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 31, userCount: 10, auctionCount: 20, bidCount: 300)
        try await testbed.append(history.events)
        let listener = try CommitCheckingListener(databaseURL: testbed.databaseURL)
        let publisher = CommittedEventPublisher()
        publisher.add(listener)
        let projector = testbed.projector(catchUp: 25, publisher: publisher)
        try await testbed.projectUntilCaughtUp(projector)
        let received = listener.received.withLock { $0 }
        #expect(received.map(\.position) == Array(1...Int64(history.events.count)))
        // Per stream, the events arrive in stream order, which is the order they were written.
        for stream in Set(history.events.map(testbed.stream(of:))) {
            let projected = received.map(\.envelope).filter { testbed.stream(of: $0) == stream }
            #expect(projected == history.events.filter { testbed.stream(of: $0) == stream })
        }
        let calls = listener.visibleAtCall.withLock { $0 }
        #expect(calls.count > 1)
        #expect(calls.allSatisfy { $0.visible >= $0.last }, "a listener was called before its batch was visible")
        await projector.close()
        await testbed.close()
    }

    @Test func catchingUpOnTwentyThousandEventsUsesLargeBulkBatches() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 41, userCount: 200, auctionCount: 1_500, bidCount: 9_000)
        #expect(history.events.count >= 20_000)
        try await testbed.append(history.events)
        let monitor = ProjectionMonitor()
        let projector = testbed.projector(catchUp: 2_000, monitor: monitor)
        try await testbed.projectUntilCaughtUp(projector)
        let status = monitor.status
        #expect(status.appliedEvents == Int64(history.events.count))
        #expect(status.largestBatch >= 2_000)
        #expect(status.batches < Int64(history.events.count / 1_000))
        let open = try await testbed.database.query("SELECT count(*) AS n FROM read_model.auctions WHERE status = 'open'")[0].decode(Int.self, "n")
        #expect(open == history.states.values.filter { $0.phase == .open }.count)
        await projector.close()
        await testbed.close()
    }

    @Test func aProjectorStoppedMidwayResumesWithNoGapsAndNoDuplicates() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 51, userCount: 20, auctionCount: 60, bidCount: 800)
        try await testbed.append(history.events)
        for stopAfter in [3, 7, 1] {
            let projector = testbed.projector(catchUp: 10)
            for _ in 0..<stopAfter { try await projector.step() }
            await projector.close()
        }
        let publisher = CommittedEventPublisher()
        let listener = try CommitCheckingListener(databaseURL: testbed.databaseURL)
        publisher.add(listener)
        let last = testbed.projector(catchUp: 10, publisher: publisher)
        try await testbed.projectUntilCaughtUp(last)
        let resumedFrom = try #require(listener.received.withLock { $0.first?.position })
        #expect(listener.received.withLock { $0.map(\.position) } == Array(resumedFrom...Int64(history.events.count)))

        let once = try await testbed.otherDatabase()
        let reference = testbed.projector(databaseURL: once)
        try await testbed.projectUntilCaughtUp(reference)
        #expect(try await testbed.checksum() == testbed.checksum(databaseURL: once))
        await last.close()
        await reference.close()
        await testbed.close()
    }
}
