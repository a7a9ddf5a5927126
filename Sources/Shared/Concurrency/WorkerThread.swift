import DequeModule
import Foundation
import Synchronization

/// A dedicated OS thread that runs blocking jobs one after another.
///
/// hiredis and libpq calls block their caller. Swift's cooperative pool has one thread per core and
/// must never block, and the libwebsockets service thread must never block either, so every
/// blocking C call in this project runs on a `WorkerThread` and is awaited from async code.
package final class WorkerThread: Sendable {
    private struct State {
        var jobs: Deque<@Sendable () -> Void> = []
        var stopped = false
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)
    package let name: String

    package init(name: String) {
        self.name = name
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on this thread and returns its result to the awaiting task.
    package func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = enqueue { continuation.resume(with: Result { try body() }) }
            if !accepted { continuation.resume(throwing: WorkerThreadStoppedError(name: name)) }
        }
    }

    /// Queues `job`; returns false when the thread has been stopped.
    @discardableResult
    package func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Lets queued jobs finish, then ends the thread. Later `run` calls throw.
    package func stop() {
        state.withLock { $0.stopped = true }
        wakeUp.signal()
    }

    private func loop() {
        while true {
            wakeUp.wait()
            while let job = state.withLock({ $0.jobs.popFirst() }) { job() }
            if state.withLock({ $0.stopped && $0.jobs.isEmpty }) { return }
        }
    }
}

/// Thrown by `WorkerThread.run` after `stop()`.
package struct WorkerThreadStoppedError: Error, CustomStringConvertible {
    package let name: String
    package var description: String { "worker thread \(name) has stopped" }
}
