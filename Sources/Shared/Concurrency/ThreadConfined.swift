/// A non-`Sendable` value (typically a class owning a C handle) bound to one `WorkerThread`.
///
/// The value is only ever read or written inside jobs of `worker`, and a worker runs its jobs one
/// at a time on a single thread, so no two threads can touch it at once.
package final class ThreadConfined<Value>: @unchecked Sendable {
    // @unchecked is safe: `value` is accessed only from `worker`'s jobs (see `withValue`), which
    // are serialized on one OS thread; the reference itself is immutable.
    private var value: Value
    package let worker: WorkerThread

    package init(_ value: Value, worker: WorkerThread) {
        self.value = value
        self.worker = worker
    }

    /// Runs `body` with the value on the owning thread.
    package func withValue<T: Sendable>(_ body: @escaping @Sendable (inout Value) throws -> T) async throws -> T {
        try await worker.run { try body(&self.value) }
    }
}
