import DequeModule

/// The bookkeeping of a connection pool (`RedisClient`, `PostgresClient`): which connection slots are free, who waits for one.
///
/// A plain value mutated under `ConnectionPool`'s lock. Its methods only decide; they return the
/// continuation to resume, which the pool resumes after leaving the lock.
struct ConnectionPoolState {
    typealias Waiter = CheckedContinuation<Int, any Error>

    enum AcquireAction {
        /// Resume the waiter with this free slot.
        case use(Waiter, slot: Int)
        /// Resume the waiter with an error: the pool is closed, or the task was cancelled.
        case fail(Waiter, closed: Bool)
        /// The waiter was queued; a release, a cancellation or `close` resumes it.
        case wait
    }

    private var idle: [Int]
    private var waiters: Deque<(id: UInt64, continuation: Waiter)> = []
    private var nextID: UInt64 = 0
    private var closed = false

    init(size: Int) {
        idle = Array((0..<size).reversed())
    }

    mutating func makeWaiterID() -> UInt64 {
        nextID += 1
        return nextID
    }

    mutating func acquire(_ waiter: Waiter, id: UInt64, isCancelled: Bool) -> AcquireAction {
        if closed { return .fail(waiter, closed: true) }
        if let slot = idle.popLast() { return .use(waiter, slot: slot) }
        if isCancelled { return .fail(waiter, closed: false) }
        waiters.append((id, waiter))
        return .wait
    }

    /// Hands `slot` to the first waiter, if any (returned), or marks it free.
    mutating func release(_ slot: Int) -> Waiter? {
        if let first = waiters.popFirst() { return first.continuation }
        idle.append(slot)
        return nil
    }

    /// Removes the waiter `id` if it still waits, so that it can be resumed with a cancellation.
    mutating func cancel(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).continuation
    }

    /// Marks the pool closed; returns the waiters to fail, or nil if it was already closed.
    mutating func close() -> [Waiter]? {
        guard !closed else { return nil }
        closed = true
        defer { waiters.removeAll() }
        return waiters.map(\.continuation)
    }
}
