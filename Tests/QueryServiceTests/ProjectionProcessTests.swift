import AuctionDomain
import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// The QueryService executable as a real process: /ready, SIGKILL at random points, `rebuild`.
@Suite struct ProjectionProcessTests {
    static let clients = WorkerThread(name: "projection-process-tests")

    /// Starts QueryService on `testbed` (waits for /health).
    static func start(_ testbed: ProjectionTestbed, redisPort: Int? = nil, extra: [String] = []) async throws -> ServiceProcess {
        let port = try FreePort.next()
        let arguments = ["--host", "127.0.0.1", "--port", "\(port)"] + nodeArguments(testbed, redisPort: redisPort) + extra
        return try await clients.run { try ServiceProcess.start("QueryService", port: port, arguments: arguments) }
    }

    static func nodeArguments(_ testbed: ProjectionTestbed, redisPort: Int? = nil) -> [String] {
        [
            "--database-url", testbed.databaseURL, "--redis-port", "\(redisPort ?? testbed.redisServer.port)", "--partitions", "4",
            "--migrations-dir", ProjectionTestbed.migrations.path, "--log-level", "notice",
        ]
    }

    /// GET `path`: (status code, body).
    static func get(_ service: ServiceProcess, _ path: String) async throws -> (Int, String) {
        let output = try await clients.run { try ExternalClient.curl(["-w", "\n%{http_code}", "http://127.0.0.1:\(service.port)\(path)"]) }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    static func status(_ service: ServiceProcess) async throws -> ProjectionStatusReply {
        let (_, body) = try await get(service, "/v1/projection/status")
        return try JSONDecoder().decode(ProjectionStatusReply.self, from: Data(body.utf8))
    }

    struct ProjectionStatusReply: Decodable {
        let position: Int64
        let lagEntries: Int64
        let appliedEvents: Int64
        let lostHistory: [String]
    }

    static func waitUntilCaughtUp(_ service: ServiceProcess, timeout: Duration = .seconds(120)) async throws {
        try await ProjectionRebuildTests.waitUntil("caught up", timeout: timeout) {
            let (code, _) = try await get(service, "/ready")
            let lag = try await status(service).lagEntries
            return code == 200 && lag == 0
        }
    }

    @Test func readyAnswers503WithReasonsWhileRedisIsUnreachable() async throws {
        let testbed = try await ProjectionTestbed.make(migrate: false)
        let node = try await Self.start(testbed, redisPort: try FreePort.next())
        try await ProjectionRebuildTests.waitUntil("migrations") {
            try await Self.get(node, "/v1/projection/status").1.contains(#""migrationsApplied":true"#)
        }
        let (code, body) = try await Self.get(node, "/ready")
        #expect(code == 503)
        #expect(body.contains(#""code":"not_ready""#))
        #expect(body.contains("Redis is not reachable"))
        _ = try await Self.clients.run { node.stop() }
        await testbed.close()
    }

    @Test func aNodeKilledDuringCatchUpAndLiveLoadEndsIdenticalToOneReplay() async throws {
        let testbed = try await ProjectionTestbed.make(migrate: false)
        let history = try ProjectionHistory.generate(seed: 81, userCount: 100, auctionCount: 800, bidCount: 6_000)
        let half = history.events.count / 2
        try await testbed.append(history.events.prefix(half))
        var random = SplitMix64(seed: 82)
        // Tiny catch-up batches keep the catch-up long enough to be killed in the middle of it.
        let slow = ["--catch-up-batch", "2", "--ready-max-lag-entries", "0"]
        let normal = ["--ready-max-lag-entries", "0"]

        // Catch-up, killed twice at random points; /ready says 503 while behind.
        var codes: [Int] = []
        var positions: [Int64] = []
        for _ in 0..<2 {
            let node = try await Self.start(testbed, extra: slow)
            codes.append(try await Self.get(node, "/ready").0)
            // Kill at a random point of the backlog: once the node reports a position past it.
            let target = Int64(half) * Int64(10 + random.next() % 50) / 100
            try await ProjectionRebuildTests.waitUntil("position \(target)") { try await Self.status(node).position >= target }
            let killed = try await Self.clients.run { node.stop(signal: SIGKILL) }
            #expect(killed == 128 + SIGKILL)
            let stored = try await testbed.database.query("SELECT position FROM read_model.projection_position")
            positions.append(try stored[0].decode(Int64.self, "position"))
        }
        #expect(codes.contains(503))
        // The kills interrupted the catch-up (and the second start resumed from the first's checkpoints).
        #expect(positions[0] < Int64(half) && positions[0] > 0, "positions at the kills: \(positions) of \(half)")

        // Live load, killed once more while events keep coming.
        let node = try await Self.start(testbed, extra: normal)
        let rest = Array(history.events.suffix(from: half))
        let killAt = rest.count / 3 + Int(random.next() % UInt64(rest.count / 3))
        try await testbed.append(rest.prefix(killAt / 2))
        try await Task.sleep(for: .milliseconds(Int(random.next() % 300)))
        try await testbed.append(rest[(killAt / 2)..<killAt])
        _ = try await Self.clients.run { node.stop(signal: SIGKILL) }
        try await testbed.append(rest.suffix(from: killAt))

        let final = try await Self.start(testbed, extra: normal)
        try await Self.waitUntilCaughtUp(final)
        #expect(try await Self.get(final, "/ready").0 == 200)
        let applied = try await testbed.database.query("SELECT position FROM read_model.projection_position")[0].decode(Int64.self, "position")
        #expect(applied == Int64(history.events.count), "every event applied exactly once across the restarts")

        let once = try await testbed.otherDatabase()
        let reference = testbed.projector(databaseURL: once)
        try await testbed.projectUntilCaughtUp(reference)
        #expect(try await testbed.checksum() == testbed.checksum(databaseURL: once))
        _ = try await Self.clients.run { final.stop() }
        await reference.close()
        await testbed.close()
    }

    @Test func theRebuildCommandSwapsInAnEqualReadModelBesideAServingNode() async throws {
        let testbed = try await ProjectionTestbed.make(migrate: false)
        let history = try ProjectionHistory.generate(seed: 91, userCount: 30, auctionCount: 200, bidCount: 1_500)
        try await testbed.append(history.events.dropLast(200))
        let node = try await Self.start(testbed)
        try await Self.waitUntilCaughtUp(node)
        let before = try await testbed.checksum()
        let executable = ServiceProcess.productsFolder.appendingPathComponent("QueryService").path
        let arguments = ["rebuild"] + Self.nodeArguments(testbed)
        let output = try await Self.clients.run { try ChildProcess.run(executable, arguments) }
        #expect(output.contains("rebuild finished"))
        #expect(try await testbed.checksum() == before)

        try await testbed.append(history.events.suffix(200))
        try await Self.waitUntilCaughtUp(node)
        let once = try await testbed.otherDatabase()
        let reference = testbed.projector(databaseURL: once)
        try await testbed.projectUntilCaughtUp(reference)
        #expect(try await testbed.checksum() == testbed.checksum(databaseURL: once))
        _ = try await Self.clients.run { node.stop() }
        await reference.close()
        await testbed.close()
    }

    @Test func aNodeStartedWithRebuildOnLossRecoversFromLostHistoryByItself() async throws {
        let testbed = try await ProjectionTestbed.make(migrate: false)
        let history = try ProjectionHistory.generate(seed: 101, userCount: 10, auctionCount: 40, bidCount: 300)
        try await testbed.append(history.events)
        let node = try await Self.start(testbed, extra: ["--rebuild-on-loss"])
        try await Self.waitUntilCaughtUp(node)

        try await testbed.redis.send("FLUSHALL")
        let fresh = try ProjectionHistory.generate(seed: 102, userCount: 5, auctionCount: 5, bidCount: 30)
        try await testbed.append(fresh.events)
        try await ProjectionRebuildTests.waitUntil("recovery") {
            let status = try await Self.status(node)
            let (code, _) = try await Self.get(node, "/ready")
            let users = try await testbed.checksum()["users"] ?? ""
            return code == 200 && status.lostHistory.isEmpty && status.position > Int64(history.events.count) && users.hasPrefix("5:")
        }
        #expect(node.output.contains("LOST HISTORY"))
        let reader = ReadModelReader(database: testbed.database)
        for (id, state) in fresh.states { #expect(try await reader.auction(id.rawValue)?.version == state.version) }
        _ = try await Self.clients.run { node.stop() }
        await testbed.close()
    }
}
