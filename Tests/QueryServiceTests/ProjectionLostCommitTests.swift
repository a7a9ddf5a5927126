import AuctionDomain
import Foundation
import Shared
import Synchronization
import Testing
import TestServers
@testable import QueryService

/// Batches commit with `synchronous_commit = off`, so a PostgreSQL crash may take back the last
/// commits the projector already published. Simulated here by swapping the database for a copy
/// taken earlier (what a crash that lost the tail of the WAL leaves behind).
@Suite struct ProjectionLostCommitTests {
    final class Listener: CommittedEventListener {
        let positions = Mutex<[Int64]>([])
        let replaced = Mutex<[Int64]>([])
        func committed(_ events: [CommittedEvent]) { positions.withLock { $0 += events.map(\.position) } }
        func readModelReplaced(position: Int64) { replaced.withLock { $0.append(position) } }
    }

    /// Runs `sql` on the server's maintenance database, after closing every session of `database`.
    func admin(_ statements: [String], closingSessionsOf databases: [String]) async throws {
        let url = try await ProjectionTestbed.setup.run { try TestEnvironment.postgres().connectionString() }
        let admin = PostgresClient(connectionString: url, size: 1)
        defer { Task { await admin.close() } }
        for database in databases {
            try await admin.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [.text(database)])
        }
        for statement in statements { try await admin.query(statement) }
    }

    func databaseName(_ url: String) throws -> String {
        try #require(url.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst("dbname=".count)) })
    }

    @Test func aDatabaseThatLostPublishedCommitsMakesTheListenersStartOverAndEndsEqualToAReplay() async throws {
        let testbed = try await ProjectionTestbed.make()
        let history = try ProjectionHistory.generate(seed: 77, userCount: 10, auctionCount: 20, bidCount: 300)
        try await testbed.append(history.events)
        let name = try databaseName(testbed.databaseURL)
        let listener = Listener()
        let publisher = CommittedEventPublisher()
        publisher.add(listener)
        let projector = testbed.projector(catchUp: 50, publisher: publisher)
        for _ in 0..<3 { try await projector.step() }
        let savedPosition = try #require(listener.positions.withLock { $0.last })

        // The state a crash could leave behind: a copy of the database as of now.
        try await admin(["CREATE DATABASE \(name)_earlier TEMPLATE \(name)"], closingSessionsOf: [name])
        try await projectDespiteOneLostConnection(projector)
        let total = Int64(history.events.count)
        #expect(listener.positions.withLock { $0.last } == total)
        #expect(listener.replaced.withLock { $0 }.isEmpty)

        // The crash: the last commits are gone; nothing else changed.
        try await admin(
            ["ALTER DATABASE \(name) RENAME TO \(name)_lost", "ALTER DATABASE \(name)_earlier RENAME TO \(name)"],
            closingSessionsOf: [name, "\(name)_earlier"])
        try await projectDespiteOneLostConnection(projector)

        #expect(listener.replaced.withLock { $0 } == [savedPosition], "the listeners must start over from the stored position")
        // Published after the restart: exactly the lost positions again, in order.
        let positions = listener.positions.withLock { $0 }
        #expect(positions.count == Int(total + total - savedPosition))
        #expect(positions.suffix(Int(total - savedPosition)) == Array((savedPosition + 1)...total))
        let reference = try await testbed.otherDatabase()
        let replay = testbed.projector(databaseURL: reference)
        try await testbed.projectUntilCaughtUp(replay)
        let projected = try await testbed.checksum()
        let replayed = try await testbed.checksum(databaseURL: reference)
        #expect(projected == replayed)
        await replay.close()
        await projector.close()
        await testbed.close()
    }

    /// Steps until two steps in a row find nothing new; the first step may fail on the connection
    /// the test closed, and a step that finds the stored cursor moved also consumes nothing.
    private func projectDespiteOneLostConnection(_ projector: Projector) async throws {
        do { try await projector.step() } catch is PostgresError {}
        var idle = 0
        while idle < 2 { idle = try await projector.step() == 0 ? idle + 1 : 0 }
    }
}
