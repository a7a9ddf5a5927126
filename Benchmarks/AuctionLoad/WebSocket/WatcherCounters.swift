import Synchronization

/// What the watchers saw, shared between the pool's service thread and the scenario.
final class WatcherCounters: Sendable {
    let established = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let closed = Atomic<Int>(0)
    /// Complete messages received by all watchers together.
    let frames = Atomic<Int>(0)
    /// Payload bytes of those messages.
    let bytes = Atomic<Int>(0)
    /// Monotonic nanoseconds of the latest message.
    let lastFrame = Atomic<UInt64>(0)
    /// When each watcher received each message (monotonic nanoseconds), if arrivals are recorded.
    private let arrivals: Mutex<[[UInt64]]>

    init(count: Int) {
        arrivals = Mutex(Array(repeating: [], count: count))
    }

    func recordArrival(index: Int, at nanoseconds: UInt64) {
        arrivals.withLock { $0[index].append(nanoseconds) }
    }

    /// Takes every recorded arrival and starts afresh.
    func takeArrivals() -> [[UInt64]] {
        arrivals.withLock { arrivals in
            defer { arrivals = arrivals.map { _ in [] } }
            return arrivals
        }
    }
}
