import ArgumentParser
import Foundation
import Logging
import Shared

/// Checks the event log and the read models against the platform's promises (issue 8) and
/// prints every breach with the entries that show it. Exit status: 0 when every checked
/// invariant held, 1 on any breach, 2 when it could not check (bad input, unreachable Redis).
///
/// It judges a quiescent log: stop the CommandServices first (their closers append events).
@main
struct InvariantCheckerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "InvariantChecker", abstract: "Checks the event log and read models for broken invariants.")

    @Option(help: "Redis host (env REDIS_HOST).")
    var redisHost = EnvironmentDefault.string("REDIS_HOST", "127.0.0.1")

    @Option(help: "Redis port (env REDIS_PORT).")
    var redisPort = EnvironmentDefault.int("REDIS_PORT", 6379)

    @Option(help: "Auction partitions of the data set (env PARTITIONS).")
    var partitions = EnvironmentDefault.int("PARTITIONS", EventStreamLayout.defaultPartitionCount)

    @Option(name: .customLong("database-url"), help: "libpq connection string of one node's read model; repeat for every node.")
    var databaseURLs: [String] = []

    @Option(help: "JSON-lines file of acknowledged bids recorded by the load driver.")
    var acknowledged: String?

    @Option(help: "Folder of captured public surfaces (*.jsonl: REST responses, pages, WebSocket frames).")
    var surfaces: String?

    @Option(help: "Seconds to wait for each read model to catch up with the log.")
    var catchUpTimeoutSeconds = 120

    func validate() throws {
        guard (1...1024).contains(partitions) else { throw ValidationError("--partitions must be 1...1024") }
        guard catchUpTimeoutSeconds >= 0 else { throw ValidationError("--catch-up-timeout-seconds must not be negative") }
    }

    func run() async throws {
        _ = LoggingSetup.bootstrap(level: "warning")
        let report: CheckReport
        do {
            report = try await check()
        } catch {
            print("InvariantChecker could not check: \(error)")
            throw ExitCode(2)
        }
        print(report.rendered())
        if !report.holds { throw ExitCode(1) }
    }

    private func check() async throws -> CheckReport {
        let acknowledgedBids = try acknowledged.map(AcknowledgedBid.load)
        let captured = try surfaces.map(CapturedSurface.load(folder:))
        let redis = RedisClient(configuration: RedisConfiguration(host: redisHost, port: redisPort, poolSize: 1, clientName: "invariant-checker"))
        let log: EventLog
        do {
            // Checking with another partition count would read the wrong streams and prove nothing.
            let recorded = try await redis.send("HGET", RedisArgument(EventStreamLayout.metaKey), "partitions").string.flatMap { Int($0) }
            if let recorded, recorded != partitions {
                throw CheckerError("the data set has \(recorded) partitions (auction:meta), not --partitions \(partitions)")
            }
            log = try await EventLogReader(redis: redis, layout: EventStreamLayout(partitionCount: partitions)).read()
        } catch let error as CheckerError {
            await redis.close()
            throw error
        } catch {
            await redis.close()
            throw CheckerError("cannot read the log from Redis \(redisHost):\(redisPort): \(error)")
        }
        await redis.close()

        var report = CheckReport()
        report.record("public events", log.publicEventCount)
        report.record("private events", log.privateEventCount)
        if let acknowledgedBids {
            AcknowledgedBidsCheck.run(acknowledgedBids, log: log, into: &report)
        } else {
            report.skip(.acknowledgedBidLogged, because: "no --acknowledged file")
        }
        var history = AuctionHistoryCheck()
        history.run(log, into: &report)

        let nodes = databaseURLs.enumerated().map { ReadModelNode(name: "node\($0.offset + 1)", connectionString: $0.element) }
        if nodes.isEmpty { report.skip(.readModelMatchesLog, because: "no --database-url") }
        await ReadModelComparison(nodes: nodes, catchUpTimeout: .seconds(catchUpTimeoutSeconds))
            .run(log: log, facts: history.facts, into: &report)
        let scan = HiddenAmountScan(facts: history.facts)
        for node in nodes { await scan.scan(node, into: &report) }
        if let captured { scan.scan(captured, into: &report) }
        for node in nodes { await node.close() }
        return report
    }
}
