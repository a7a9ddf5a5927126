import ArgumentParser
import Foundation
import Synchronization

/// Scenario 2: the time from a bid's HTTP 201 to the update frame arriving at every subscriber
/// of that auction, on every QueryService node.
///
/// Watcher `i` of each node subscribes to auction `i % auctions`. A frame is paired with the
/// latest accepted bid on its auction answered before it (or at most 100 ms after it: a frame may
/// overtake the 201); a frame that arrives before the 201 counts as 0 ms.
struct BidToScreenScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bid-to-screen", abstract: "Scenario 2: bid to screen latency.")

    @OptionGroup var target: TargetOptions

    @Option(help: "Accepted bids per second, in total.")
    var rate = 200.0

    @Option(help: "Auctions the bids spread over.")
    var auctions = 100

    @Option(help: "WebSocket subscribers per QueryService node.")
    var watchers = 1_000

    @Option(help: "Seconds of load.")
    var seconds = 10.0

    func run() async throws {
        let bidders = 20
        progress("bid-to-screen: \(bidders) bidders, \(auctions) auctions, \(watchers) watchers on each of ports \(target.queryPorts)")
        let setup = BidderSetup(port: target.commandPort, bidders: bidders, auctions: auctions)
        let prepared = try await Task.detached { try setup.prepare() }.value
        let auctionIDs = prepared.auctionIDs
        var pools: [WatcherPool] = []
        for port in target.queryPortList {
            var settings = WatcherSettings()
            settings.port = port
            settings.count = watchers
            settings.recordArrivals = true
            settings.greeting = { index in #"{"type":"subscribe","topics":["auction:\#(auctionIDs[index % auctionIDs.count])"],"after":0}"# }
            pools.append(try WatcherPool(settings: settings))
        }
        defer { pools.forEach { $0.stop() } }
        while pools.contains(where: { $0.counters.established.load(ordering: .relaxed) + $0.counters.failed.load(ordering: .relaxed) < watchers }) {
            try await Task.sleep(for: .milliseconds(100))
        }
        guard pools.allSatisfy({ $0.counters.established.load(ordering: .relaxed) > 0 }) else {
            throw LoadError("no WebSocket opened on some of the ports \(target.queryPorts) (is /live served?)")
        }
        try await Task.sleep(for: .seconds(2))
        pools.forEach { _ = $0.counters.takeArrivals() }

        let answered = Mutex<[String: [UInt64]]>([:])
        var load = BidLoad(port: target.commandPort, tokens: prepared.tokens, auctions: auctionIDs, seconds: seconds)
        load.ratePerBidder = rate / Double(bidders)
        load.onAccepted = { auction, time in answered.withLock { $0[auction, default: []].append(time) } }
        let bidLatency = LatencyRecorder()
        var cpu = CPUWatch(target.watch)
        cpu.begin()
        let outcome = await Task.detached { [load] in load.run(latency: bidLatency) }.value
        let shares = cpu.metrics()
        try await Task.sleep(for: .seconds(2))

        let bids = answered.withLock { $0 }
        let latency = LatencyRecorder()
        var delivered = 0
        var expected = 0
        for pool in pools {
            for (index, arrivals) in pool.counters.takeArrivals().enumerated() {
                let times = bids[auctionIDs[index % auctionIDs.count]] ?? []
                expected += times.count
                var matched = Set<Int>()
                for arrival in arrivals {
                    guard let bid = times.lastIndex(where: { $0 <= arrival + 100_000_000 }), !matched.contains(bid) else { continue }
                    matched.insert(bid)
                    latency.record(nanoseconds: arrival > times[bid] ? arrival - times[bid] : 0)
                }
                delivered += matched.count
            }
        }
        guard delivered > 0 else { throw LoadError("none of the \(expected) expected update frames arrived") }
        var result = ScenarioResult(scenario: "bid_to_screen")
        result.metrics = latency.summary()
        result.metrics["accepted_bids_per_s"] = Double(outcome.accepted) / outcome.elapsed
        result.metrics["deliveries_expected"] = Double(expected)
        result.metrics["deliveries_seen"] = Double(delivered)
        result.metrics.merge(bidLatency.summary(prefix: "bid_"), uniquingKeysWith: { $1 })
        result.metrics.merge(shares, uniquingKeysWith: { $1 })
        result.print()
    }
}
