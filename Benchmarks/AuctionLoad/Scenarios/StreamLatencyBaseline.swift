import ArgumentParser
import Foundation
import Shared

/// The baseline of scenario 2: the time from sending an `XADD` to a client blocked in `XREAD` on
/// the same stream receiving the entry, at the scenario's rate, on the same Redis. (Timed from
/// the acknowledgement instead, it is ~0: Redis wakes the reader in the same event-loop turn.)
struct StreamLatencyBaseline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "xread-latency", abstract: "Baseline 2: XADD to blocked XREAD latency.")

    @OptionGroup var target: TargetOptions

    @Option(help: "Entries per second.")
    var rate = 200.0

    @Option(help: "Seconds of load.")
    var seconds = 10.0

    func run() async throws {
        let stream = "bench:xread:\(UUID().uuidString.prefix(8))"
        let redis = target.redisClient()
        let reader = RedisStreamReader(configuration: RedisConfiguration(port: target.redisPort, readTimeout: .seconds(5)))
        let latency = LatencyRecorder()
        let sent = SendTimes(recorder: latency)
        let total = Int(rate * seconds)
        let readTask = Task {
            var after = RedisStreamEntryID.zero
            var seen = 0
            while seen < total {
                let batches = try await reader.read([(key: stream, after: after)], count: 1000, block: .seconds(2))
                let arrived = MonotonicClock.nanoseconds()
                guard let batch = batches.first else { break }
                for entry in batch.entries {
                    if let index = entry.string("n").flatMap(Int.init) { await sent.arrived(index, at: arrived) }
                    seen += 1
                }
                after = batch.lastID ?? after
            }
        }
        // Let the reader block before the first entry is written.
        try await Task.sleep(for: .milliseconds(200))
        let start = MonotonicClock.nanoseconds()
        for index in 0..<total {
            let due = start + UInt64(Double(index) / rate * 1e9)
            let now = MonotonicClock.nanoseconds()
            if due > now { try await Task.sleep(for: .nanoseconds(Int(due - now))) }
            await sent.record(index, at: MonotonicClock.nanoseconds())
            try await redis.send(["XADD", RedisArgument(stream), "*", "n", RedisArgument(index)])
        }
        try await readTask.value
        try await redis.send(["DEL", RedisArgument(stream)])
        await reader.close()
        await redis.close()
        var result = ScenarioResult(scenario: "xread_latency")
        result.metrics = latency.summary()
        result.print()
    }
}

/// When each `XADD` was sent, paired with the reader's arrival time (either may be noted first).
actor SendTimes {
    private let recorder: LatencyRecorder
    private var sent: [Int: UInt64] = [:]
    private var arrivedEarly: [Int: UInt64] = [:]

    init(recorder: LatencyRecorder) { self.recorder = recorder }

    func record(_ index: Int, at nanoseconds: UInt64) {
        guard let arrived = arrivedEarly.removeValue(forKey: index) else {
            sent[index] = nanoseconds
            return
        }
        recorder.record(nanoseconds: arrived > nanoseconds ? arrived - nanoseconds : 0)
    }

    func arrived(_ index: Int, at nanoseconds: UInt64) {
        guard let sentAt = sent.removeValue(forKey: index) else {
            arrivedEarly[index] = nanoseconds
            return
        }
        recorder.record(nanoseconds: nanoseconds > sentAt ? nanoseconds - sentAt : 0)
    }
}
