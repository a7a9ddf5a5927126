import ArgumentParser
import AuctionDomain
import Foundation

/// Scenario 3: thousands of WebSockets subscribed to one auction; frames delivered per second,
/// the server's CPU per delivered frame and its resident memory per idle connection.
///
/// The same measurement runs against the QueryService (`--trigger redis`: a price change is
/// appended to the auction's stream, projected, and pushed to every subscriber) and against the
/// C baseline in `Benchmarks/baseline` (`--trigger message`: "burst 1" asks it to broadcast its
/// prepared frame once). Updates go one at a time, `--frames` times; the rate is frames delivered
/// over the time from the first trigger to the last frame.
struct FanOutScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fanout", abstract: "Scenario 3: fan-out to one auction's watchers.")

    enum Trigger: String, ExpressibleByArgument { case redis, message }

    @OptionGroup var target: TargetOptions

    @Option(help: "Port of the server under test (a QueryService node or the C baseline).")
    var port = 8081

    @Option(help: "Process id of the server under test, for its CPU time and memory.")
    var serverPID: Int32

    @Option(help: "WebSocket connections.")
    var connections = 10_000

    @Option(help: "Updates to broadcast.")
    var frames = 20

    @Option(help: "How updates are triggered: redis (the system) or message (the C baseline).")
    var trigger = Trigger.redis

    @Option(help: "Label of the result line.")
    var label = "fanout"

    func run() async throws {
        let auction = AuctionID("fanout-\(UUID().uuidString.prefix(8).lowercased())")
        let seller = UserID("fanout-seller-\(UUID().uuidString.prefix(8).lowercased())")
        let redis = target.redisClient()
        let writer = EventWriter(redis: redis, layout: target.layout)
        if trigger == .redis {
            let now = SyntheticEvents.now()
            try await writer.append([SyntheticEvents.user(seller, name: seller.rawValue, at: now), try SyntheticEvents.auction(auction, seller: seller, at: now)])
            try await Task.sleep(for: .seconds(1))
        }
        guard let idle = ProcessSample(pid: serverPID) else { throw LoadError("no process \(serverPID)") }
        var settings = WatcherSettings()
        settings.port = port
        settings.count = connections
        let subscribe = #"{"type":"subscribe","topics":["auction:\#(auction.rawValue)"],"after":0}"#
        if trigger == .redis { settings.greeting = { _ in subscribe } }
        let pool = try WatcherPool(settings: settings)
        defer { pool.stop() }
        progress("\(label): connecting \(connections) WebSockets to port \(port)")
        let connected = try await waitForConnections(pool)
        guard connected > 0 else { throw LoadError("no WebSocket opened on port \(port) \(settings.path) (is it served?)") }
        // Let subscriptions settle (their first frames arrive) before memory is sampled.
        try await settle(pool)
        guard let loaded = ProcessSample(pid: serverPID) else { throw LoadError("process \(serverPID) is gone") }

        let framesBefore = pool.counters.frames.load(ordering: .relaxed)
        let bytesBefore = pool.counters.bytes.load(ordering: .relaxed)
        let start = MonotonicClock.nanoseconds()
        // One update at a time, each sent once the previous one reached every connection: the
        // node would otherwise (rightly) conflate a burst into one frame per connection.
        let expected = connected * frames
        for index in 0..<frames {
            switch trigger {
            case .redis:
                let update = try SyntheticEvents.priceChanged(
                    auction, version: Int64(index + 2), minorUnits: 20_00 + Int64(index) * 100_00, leader: seller, at: SyntheticEvents.now())
                try await writer.append([update])
            case .message:
                pool.send("burst 1", to: 0)
            }
            try await settle(pool, until: framesBefore + connected * (index + 1))
        }
        guard let busy = ProcessSample(pid: serverPID) else { throw LoadError("process \(serverPID) is gone") }
        let delivered = pool.counters.frames.load(ordering: .relaxed) - framesBefore
        guard delivered > 0 else { throw LoadError("none of the \(expected) frames arrived") }
        let elapsed = Double(pool.counters.lastFrame.load(ordering: .relaxed) &- start) / 1e9
        await redis.close()

        var result = ScenarioResult(scenario: label)
        result.metrics["connections"] = Double(connected)
        result.metrics["frames_delivered"] = Double(delivered)
        result.metrics["frames_expected"] = Double(expected)
        result.metrics["frames_per_s"] = delivered > 0 && elapsed > 0 ? Double(delivered) / elapsed : 0
        result.metrics["cpu_us_per_frame"] = delivered > 0 ? (busy.cpuSeconds - loaded.cpuSeconds) * 1e6 / Double(delivered) : 0
        result.metrics["rss_bytes_per_idle_connection"] = Double(loaded.residentBytes - idle.residentBytes) / Double(max(connected, 1))
        result.metrics["avg_frame_bytes"] = delivered > 0 ? Double(pool.counters.bytes.load(ordering: .relaxed) - bytesBefore) / Double(delivered) : 0
        result.print()
    }

    /// Waits until every connection is open or has failed; returns how many are open.
    private func waitForConnections(_ pool: WatcherPool) async throws -> Int {
        let deadline = MonotonicClock.nanoseconds() + 180_000_000_000
        while MonotonicClock.nanoseconds() < deadline {
            let open = pool.counters.established.load(ordering: .relaxed)
            let failed = pool.counters.failed.load(ordering: .relaxed)
            if open + failed >= connections {
                if failed > 0 { progress("\(label): \(failed) connections failed") }
                return open
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LoadError("connections did not finish opening within 180 s")
    }

    /// Waits until `target` frames have arrived, or until none arrived for a second.
    private func settle(_ pool: WatcherPool, until target: Int = .max) async throws {
        var last = pool.counters.frames.load(ordering: .relaxed)
        var quietSince = MonotonicClock.nanoseconds()
        while true {
            try await Task.sleep(for: .milliseconds(50))
            let now = pool.counters.frames.load(ordering: .relaxed)
            if now >= target { return }
            if now != last {
                last = now
                quietSince = MonotonicClock.nanoseconds()
            } else if MonotonicClock.seconds(since: quietSince) > (target == .max ? 1 : 3) {
                return
            }
        }
    }
}
