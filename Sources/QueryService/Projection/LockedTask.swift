import Synchronization

/// Holds the background task of a service so that `stop()` can cancel and await it from any
/// thread.
final class LockedTask: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ newTask: Task<Void, Never>) { task.withLock { $0 = newTask } }

    func cancel() { task.withLock { $0 }?.cancel() }

    /// Waits for the task to end; returns at once when there is none.
    func value() async { await task.withLock { $0 }?.value }
}
