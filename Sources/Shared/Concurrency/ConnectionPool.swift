import Synchronization

/// A fixed number of lazily opened connections, each confined to its own `WorkerThread`, shared by
/// async callers: the common half of `RedisClient` and `PostgresClient`.
///
/// Why a thread per connection: hiredis and libpq calls block, and blocking Swift's cooperative
/// pool (or a network thread) would stall unrelated work. A caller waiting for a free slot is a
/// suspended continuation, never a blocked thread; cancelling it ends the wait with
/// `CancellationError`. A slot whose connection is nil (never opened, or dropped by the owner after
/// a failure) opens a new one on its next use.
package final class ConnectionPool<Connection>: Sendable {
    private let slots: [ThreadConfined<Connection?>]
    private let state: Mutex<ConnectionPoolState>
    private let open: @Sendable () throws -> Connection
    private let closedError: @Sendable () -> any Error

    /// - Parameters:
    ///   - size: the number of connections (and threads), at least one.
    ///   - name: names the threads (`name-0`, `name-1`, ...).
    ///   - open: opens a connection; runs on the slot's thread.
    ///   - closedError: what a call gets once the pool is closed.
    package init(
        size: Int,
        name: String,
        open: @escaping @Sendable () throws -> Connection,
        closedError: @escaping @Sendable () -> any Error
    ) {
        precondition(size > 0, "a pool needs at least one connection")
        self.slots = (0..<size).map { ThreadConfined(nil, worker: WorkerThread(name: "\(name)-\($0)")) }
        self.state = Mutex(ConnectionPoolState(size: size))
        self.open = open
        self.closedError = closedError
    }

    deinit {
        // Lets each thread end; its connection is then freed with the ThreadConfined.
        for slot in slots { slot.worker.stop() }
    }

    /// Runs `body` with a free connection, on that connection's thread. `body` may block.
    package func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let slot = try await acquire()
        defer { release(slot) }
        let open = self.open
        return try await slots[slot].withValue { connection in
            let current = try connection ?? open()
            connection = current
            return try body(current)
        }
    }

    /// Fails waiting and later calls with `closedError`, runs `shutdown` on every open connection
    /// after its current job, and stops the threads. Idempotent.
    package func close(_ shutdown: @escaping @Sendable (Connection) -> Void) async {
        guard let waiters = state.withLock({ $0.close() }) else { return }
        for waiter in waiters { waiter.resume(throwing: closedError()) }
        for slot in slots {
            // Cannot throw: only close (which runs once) and deinit stop the workers.
            _ = try? await slot.withValue { connection in
                if let open = connection { shutdown(open) }
                connection = nil
            }
            slot.worker.stop()
        }
    }

    private func acquire() async throws -> Int {
        let id = state.withLock { $0.makeWaiterID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: ConnectionPoolState.Waiter) in
                // Task.isCancelled is read under the lock, so a cancellation either is seen here or
                // runs its handler after the waiter is queued, where the handler finds it.
                let action = state.withLock { $0.acquire(continuation, id: id, isCancelled: Task.isCancelled) }
                switch action {
                case .use(let waiter, let slot): waiter.resume(returning: slot)
                case .fail(let waiter, let closed): waiter.resume(throwing: closed ? closedError() : CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            state.withLock { $0.cancel(id: id) }?.resume(throwing: CancellationError())
        }
    }

    private func release(_ slot: Int) {
        state.withLock { $0.release(slot) }?.resume(returning: slot)
    }
}
