import DequeModule

/// The part of a `PartitionWriter` that handlers touch (under its mutex): commands that arrived
/// and are not yet taken into a batch, the parked drain loop, and whether a loop runs at all.
struct WriterInbox: Sendable {
    enum PushAction {
        /// The writer is closed: answer the command as unavailable.
        case refuse
        /// No drain loop runs: start one.
        case start
        /// The drain loop waits for work: resume it.
        case wake(CheckedContinuation<Void, Never>)
        /// The drain loop is busy and will take the command with its next batch.
        case none
    }

    private(set) var pending: Deque<QueuedCommand> = []
    private(set) var closed = false
    private var draining = false
    private var waiter: CheckedContinuation<Void, Never>?
    /// Tells a stale timeout from the current wait.
    private var waitGeneration = 0
    var drainTask: Task<Void, Never>?

    mutating func push(_ command: QueuedCommand) -> PushAction {
        guard !closed else { return .refuse }
        pending.append(command)
        if let waiter {
            self.waiter = nil
            return .wake(waiter)
        }
        if draining { return .none }
        draining = true
        return .start
    }

    /// Up to `limit` commands, oldest first.
    mutating func take(_ limit: Int) -> [QueuedCommand] {
        let count = min(limit, pending.count)
        guard count > 0 else { return [] }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(count)
        return taken
    }

    /// Parks the loop unless there is work (or the writer closed): returns the generation of the
    /// wait, or nil when the loop must go on at once.
    mutating func park(_ continuation: CheckedContinuation<Void, Never>) -> Int? {
        guard pending.isEmpty, !closed else { return nil }
        waiter = continuation
        waitGeneration += 1
        return waitGeneration
    }

    /// The parked loop, if it is still parked in wait `generation` (its timeout fired).
    mutating func unpark(generation: Int) -> CheckedContinuation<Void, Never>? {
        guard generation == waitGeneration, let waiter else { return nil }
        self.waiter = nil
        return waiter
    }

    /// Closes the inbox; returns the parked loop to resume, if any.
    mutating func close() -> CheckedContinuation<Void, Never>? {
        closed = true
        defer { waiter = nil }
        return waiter
    }

    /// Ends the loop if nothing arrived meanwhile; true when it may return.
    mutating func stopIfIdle() -> Bool {
        guard pending.isEmpty else { return false }
        draining = false
        drainTask = nil
        return true
    }
}
