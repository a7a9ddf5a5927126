import ArgumentParser
import Foundation
import Shared

/// Scenario 1: accepted bids per second and their latency, over many auctions or one hot auction,
/// and the Redis commands each bid costs.
struct BidThroughputScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bids", abstract: "Scenario 1: bid throughput.")

    @OptionGroup var target: TargetOptions

    @Option(help: "Number of auctions the bids spread over (1 = one hot auction).")
    var auctions = 1_000

    @Option(help: "Concurrent bidders, each with its own keep-alive connection.")
    var bidders = 64

    @Option(help: "Seconds of load.")
    var seconds = 10.0

    @Option(help: "Uncontended bids, one bidder, watched with MONITOR to count round trips (0 to skip).")
    var countBids = 50

    @Option(help: "CLIENT SETNAME of the CommandService's Redis connections, whose commands are counted.")
    var writerClientName = "command-service"

    func run() async throws {
        progress("bids: signing up \(bidders) bidders and listing \(auctions) auctions")
        let setup = BidderSetup(port: target.commandPort, bidders: bidders, auctions: max(auctions, 1))
        let prepared = try await Task.detached { try setup.prepare() }.value
        let redis = target.redisClient()
        var result = ScenarioResult(scenario: auctions == 1 ? "bids_hot" : "bids")

        if countBids > 0 {
            // One bidder at a time over many auctions: the uncontended path. The same length of
            // idle time just before shows what the services do in the background meanwhile.
            let monitor = try RedisMonitor(port: target.redisPort)
            let idleStart = Date().timeIntervalSince1970
            try await Task.sleep(for: .seconds(1))
            let idleEnd = Date().timeIntervalSince1970
            let load = BidLoad(port: target.commandPort, tokens: [prepared.tokens[0]], auctions: prepared.auctionIDs, seconds: 0)
            let bidStart = Date().timeIntervalSince1970
            let outcome = await Task.detached { load.runCounted(bids: countBids, latency: LatencyRecorder()) }.value
            let bidEnd = Date().timeIntervalSince1970
            monitor.stop()
            // Only the writer's connections: the read side's probes react to the same bids.
            let writer = try await clients(named: writerClientName, redis: redis)
            let scale = (bidEnd - bidStart) / (idleEnd - idleStart)
            let background = monitor.counts(from: idleStart, to: idleEnd, clients: writer).mapValues { Double($0) * scale }
            let during = monitor.counts(from: bidStart, to: bidEnd, clients: writer)
            let net = during.reduce(into: [String: Double]()) { $0[$1.key] = max(Double($1.value) - (background[$1.key] ?? 0), 0) }
            let bids = Double(max(outcome.accepted, 1))
            result.metrics["redis_commands_per_bid_uncontended"] = net.values.reduce(0, +) / bids
            result.metrics["redis_commands_per_bid_uncontended_raw"] = Double(during.values.reduce(0, +)) / bids
            result.notes["redis_commands_per_bid_uncontended"] = net.sorted { $0.key < $1.key }
                .map { "\($0.key)=\(String(format: "%.2f", $0.value / bids))" }.joined(separator: " ")
        }

        let counter = CommandCounter(redis: redis)
        let before = try await counter.snapshot()
        let latency = LatencyRecorder()
        progress("bids: \(bidders) bidders for \(seconds) s over \(auctions) auction(s)")
        let load = BidLoad(port: target.commandPort, tokens: prepared.tokens, auctions: prepared.auctionIDs, seconds: seconds)
        var cpu = CPUWatch(target.watch)
        cpu.begin()
        let outcome = await Task.detached { load.run(latency: latency) }.value
        result.metrics.merge(cpu.metrics(), uniquingKeysWith: { $1 })
        let executed = try await counter.snapshot().delta(since: before)
        await redis.close()

        result.metrics["accepted_per_s"] = Double(outcome.accepted) / outcome.elapsed
        result.metrics["accepted"] = Double(outcome.accepted)
        // On a hot auction many bids lose the race (409, below the new minimum): all were decided.
        let decided = Double(outcome.statuses.values.reduce(0, +))
        result.metrics["answered_per_s"] = decided / outcome.elapsed
        // CPU seconds of the CommandService per decided bid (accepted or refused by the rules).
        if let share = result.metrics["cpu_share_command"], decided > 0 {
            result.metrics["command_cpu_us_per_decided"] = share * outcome.elapsed / decided * 1e6
        }
        result.metrics["rejected"] = Double(outcome.statuses.filter { !(200..<300).contains($0.key) }.values.reduce(0, +))
        result.metrics["errors"] = Double(outcome.errors)
        result.metrics["redis_calls_per_bid_including_scripts"] = Double(executed.values.reduce(0, +)) / Double(max(outcome.accepted, 1))
        result.metrics.merge(latency.summary(), uniquingKeysWith: { $1 })
        result.notes["statuses"] = outcome.statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        result.print()
    }
}

/// Addresses (`addr=` of `CLIENT LIST`) of the connections named `name`.
private func clients(named name: String, redis: RedisClient) async throws -> Set<String> {
    let list = try await redis.send(["CLIENT", "LIST"]).string ?? ""
    return Set(list.split(whereSeparator: \.isNewline).compactMap { line -> String? in
        let fields = line.split(separator: " ")
        guard fields.contains(Substring("name=\(name)")), let address = fields.first(where: { $0.hasPrefix("addr=") }) else { return nil }
        return String(address.dropFirst("addr=".count))
    })
}

extension BidLoad {
    /// Places exactly `bids` bids one after another (used for counting Redis commands).
    func runCounted(bids: Int, latency: LatencyRecorder) -> Outcome {
        var outcome = Outcome()
        let api = AuctionAPI(host: host, port: port, keyPrefix: "count-\(MonotonicClock.nanoseconds())")
        for index in 0..<bids {
            let auction = auctions[index % auctions.count]
            let sent = MonotonicClock.nanoseconds()
            if let status = try? api.bid(token: tokens[0], auction: auction, maximumMinorUnits: 10_00 + Int64(index + 1) * 500_00) {
                outcome.statuses[status, default: 0] += 1
                if (200..<300).contains(status) { outcome.accepted += 1 }
            } else {
                outcome.errors += 1
            }
            latency.record(nanoseconds: MonotonicClock.nanoseconds() - sent)
        }
        return outcome
    }
}
