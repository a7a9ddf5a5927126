import ArgumentParser
import AuctionDomain
import Foundation

/// Scenario 4's data: appends `--events` public events to the streams (users, then auctions with
/// bids: `bidAccepted` and `priceChanged` pairs), for a projection to replay from zero.
struct SeedEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed-events", abstract: "Scenario 4: append events to replay.")

    @OptionGroup var target: TargetOptions

    @Option(help: "Events to append, in total.")
    var events = 1_000_000

    @Option(help: "Events per auction (1 created, then bid pairs).")
    var perAuction = 51

    func run() async throws {
        let redis = target.redisClient(poolSize: 2)
        var writer = EventWriter(redis: redis, layout: target.layout)
        writer.batchSize = 1_000
        let start = MonotonicClock.nanoseconds()
        let now = SyntheticEvents.now()
        let users = (0..<100).map { UserID("seed-user-\($0)") }
        var pending = users.map { SyntheticEvents.user($0, name: $0.rawValue, at: now) }
        var written = 0
        var auction = 0
        while written + pending.count < events {
            let id = AuctionID("seed-\(auction)")
            let count = min(perAuction, events - written - pending.count)
            pending.append(try SyntheticEvents.auction(id, seller: users[auction % users.count], at: now))
            var bid = 0
            while pending.count < 10_000 && (bid + 1) * 2 < count {
                let bidder = users[(auction + bid + 1) % users.count]
                let version = Int64(2 + bid * 2)
                pending.append(SyntheticEvents.bidAccepted(id, version: version, bidder: bidder, number: bid + 1, at: now))
                pending.append(try SyntheticEvents.priceChanged(id, version: version + 1, minorUnits: 10_00 + Int64(bid + 1) * 1_00, leader: bidder, at: now))
                bid += 1
            }
            auction += 1
            if pending.count >= 5_000 {
                try await writer.append(pending)
                written += pending.count
                pending.removeAll(keepingCapacity: true)
            }
        }
        try await writer.append(pending)
        written += pending.count
        await redis.close()
        var result = ScenarioResult(scenario: "seed_events")
        result.metrics["events"] = Double(written)
        result.metrics["seconds"] = MonotonicClock.seconds(since: start)
        result.print()
    }
}
