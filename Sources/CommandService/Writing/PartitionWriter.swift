import AuctionDomain
import Logging
import Shared
import Synchronization

/// The single writer of one partition in this process: commands for the partition's auctions
/// queue here and are decided in batches, one batch at a time, in arrival order per auction.
///
/// Why batches: under contention (the hot auction's last seconds) a per-command lock cycle is
/// limited by lock hand-offs and backoff sleeps. Here a batch costs two Redis round trips however
/// many commands it holds: one script takes or renews the leases, reads what is not in memory and
/// the clock; the decisions run in microseconds against the in-memory states; one script appends
/// everything, each auction's segment still version-checked and lease-checked (the fence). While a
/// batch is in Redis the next one queues, so batches grow with the load.
///
/// Leases are kept while commands keep coming (every batch renews them) and handed back after
/// `LockPolicy.idleReleaseMilliseconds` without commands, when another writer asks for one (the
/// hand-off marker), and at shutdown.
final class PartitionWriter: Sendable {
    let partition: Int
    let store: AuctionStore
    let policy: LockPolicy
    let recordTTLSeconds: Int
    /// Fault injection for the fencing tests only (see `AuctionCommandExecutor.pauseBeforeCommit`).
    let pauseBeforeCommit: Duration
    /// The most commands one batch takes from the queue.
    let maximumBatch: Int
    let metrics: ServiceMetrics
    let logger: Logger
    private let inbox = Mutex(WriterInbox())

    init(
        partition: Int, store: AuctionStore, policy: LockPolicy, recordTTLSeconds: Int, pauseBeforeCommit: Duration,
        maximumBatch: Int = 256, metrics: ServiceMetrics, logger: Logger
    ) {
        self.partition = partition
        self.store = store
        self.policy = policy
        self.recordTTLSeconds = recordTTLSeconds
        self.pauseBeforeCommit = pauseBeforeCommit
        self.maximumBatch = maximumBatch
        self.metrics = metrics
        self.logger = logger
    }

    /// Queues `request` and waits for its outcome.
    func submit(_ request: CommandRequest, record: @escaping AuctionCommandExecutor.RecordBuilder) async throws -> CommandExecution {
        try await withCheckedThrowingContinuation { continuation in
            let command = QueuedCommand(request: request, record: record, arrived: .now, reply: continuation)
            let action = inbox.withLock { inbox -> WriterInbox.PushAction in
                let action = inbox.push(command)
                if case .start = action { inbox.drainTask = Task { await self.drain() } }
                return action
            }
            switch action {
            case .refuse: command.fail(CommandUnavailable.shuttingDown)
            case .wake(let loop): loop.resume()
            case .start, .none: break
            }
        }
    }

    /// Commands received and not yet taken into a batch.
    var queuedCommands: Int { inbox.withLock { $0.pending.count } }

    /// Refuses new commands, lets the loop decide what is queued, hands every lease back and
    /// waits for the loop to end.
    func close() async {
        let (loop, task) = inbox.withLock { ($0.close(), $0.drainTask) }
        loop?.resume()
        await task?.value
    }

    /// The loop: runs batches while there is work, hands idle leases back, parks while it holds
    /// leases or waits for one, and ends when it has nothing left.
    private func drain() async {
        var work = WriterWork()
        while true {
            let arrivals = inbox.withLock { $0.take(maximumBatch) }
            let now = ContinuousClock.now
            let batch = work.batch(arrivals: arrivals, now: now)
            if !batch.isEmpty {
                await run(batch, &work)
                await releaseIdleLeases(&work, force: false)
                continue
            }
            if inbox.withLock({ $0.closed && $0.pending.isEmpty }) {
                for waiter in work.waiting.values { for command in waiter.commands { command.fail(CommandUnavailable.shuttingDown) } }
                work.waiting.removeAll()
                await releaseIdleLeases(&work, force: true)
                _ = inbox.withLock { $0.stopIfIdle() }
                return
            }
            await releaseIdleLeases(&work, force: false)
            if work.isIdle {
                if inbox.withLock({ $0.stopIfIdle() }) { return }
                continue
            }
            await waitForArrival(until: work.nextDeadline(idle: idleRelease) ?? now + idleRelease)
        }
    }

    /// How long a lease is kept without commands: short against the lease, so it is always
    /// handed back (or renewed by a batch) long before it could expire under its holder.
    var idleRelease: Duration { .milliseconds(min(policy.idleReleaseMilliseconds, max(policy.leaseMilliseconds / 4, 1))) }

    /// Parks the loop until a command arrives or `deadline` passes.
    private func waitForArrival(until deadline: ContinuousClock.Instant) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            guard let generation = inbox.withLock({ $0.park(continuation) }) else {
                continuation.resume()
                return
            }
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                self.inbox.withLock { $0.unpark(generation: generation) }?.resume()
            }
        }
    }

    /// Hands back the leases idle for `idleRelease` (all of them when `force`). Best effort: a
    /// lease that cannot be released expires by itself.
    private func releaseIdleLeases(_ work: inout WriterWork, force: Bool) async {
        let due = force ? Array(work.held.keys) : work.idleLeases(since: .now - idleRelease)
        guard !due.isEmpty else { return }
        let leases = due.compactMap { id in work.held[id].map { (keys: store.keys(of: id), token: $0.token) } }
        for id in due { work.held[id] = nil }
        do {
            try await store.release(leases)
        } catch {
            logger.warning("could not hand leases back", metadata: ["partition": "\(partition)", "error": "\(error)"])
        }
    }
}
