import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// Lag measurement, lost-history rules and the readiness route.
@Suite struct ProjectionLagTests {
    @Test func theProbeMeasuresLagInEntriesAndSecondsUntilTheProjectionCatchesUp() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 111, userCount: 5, auctionCount: 5, bidCount: 30)
        try await testbed.append(history.events)
        let monitor = ProjectionMonitor()
        let probe = LagProbe(streams: testbed.projectorConfiguration().streams, redis: testbed.redis, monitor: monitor, logger: testbed.logger)
        try await probe.probe()
        #expect(monitor.status.lagEntries == Int64(history.events.count))
        #expect(monitor.status.lagSeconds >= 0)
        #expect(monitor.status.lagMeasured)
        let projector = testbed.projector(monitor: monitor)
        try await testbed.projectUntilCaughtUp(projector)
        try await probe.probe()
        #expect(monitor.status.lagEntries == 0)
        #expect(monitor.status.lagSeconds == 0)
        await projector.close()
        await testbed.close()
    }

    static let checkpoint = StreamCheckpoint(entryID: RedisStreamEntryID(milliseconds: 100, sequence: 0), entriesRead: 10)

    @Test(arguments: [
        (StreamTail(lastGeneratedID: RedisStreamEntryID(milliseconds: 200, sequence: 0), entriesAdded: 20), true, false),
        (StreamTail(lastGeneratedID: RedisStreamEntryID(milliseconds: 100, sequence: 0), entriesAdded: 10), true, false),
        (StreamTail(lastGeneratedID: RedisStreamEntryID(milliseconds: 99, sequence: 5), entriesAdded: 20), true, true),
        (StreamTail(lastGeneratedID: RedisStreamEntryID(milliseconds: 200, sequence: 0), entriesAdded: 9), true, true),
        (StreamTail(lastGeneratedID: RedisStreamEntryID(milliseconds: 200, sequence: 0), entriesAdded: 20), false, true),
        (StreamTail.empty, false, true),
    ])
    func lostHistoryIsACheckpointTheStreamCannotAccountFor(tail: StreamTail, entryExists: Bool, lost: Bool) {
        #expect(tail.hasLostHistory(before: Self.checkpoint, checkpointEntryExists: entryExists) == lost)
        #expect(!tail.hasLostHistory(before: .start, checkpointEntryExists: false))
    }

    @Test func readyFlipsFrom503To200AsTheNodeBecomesReady() async throws {
        let monitor = ProjectionMonitor()
        var router = Router()
        ProjectionRoutes.add(to: &router, monitor: monitor, policy: ReadinessPolicy(maximumLagEntries: 10, maximumLagSeconds: 5))
        func ready() async -> HTTPResponse {
            let (request, handler) = router.resolve(HTTPRequest(method: .get, path: "/ready"))
            return await handler(request)
        }
        let notReady = await ready()
        #expect(notReady.status == 503)
        #expect(String(decoding: notReady.body, as: UTF8.self).contains("migrations are not applied"))
        monitor.update { status in
            status.migrationsApplied = true
            status.redisReachable = true
            status.lagMeasured = true
            status.lagEntries = 11
        }
        let behind = await ready()
        #expect(behind.status == 503)
        #expect(String(decoding: behind.body, as: UTF8.self).contains("behind by 11 entries"))
        monitor.update { $0.lagEntries = 10 }
        #expect(await ready().status == 200)
        monitor.update { $0.lostHistory = ["users:{u}:events"] }
        #expect(await ready().status == 503)
    }
}
