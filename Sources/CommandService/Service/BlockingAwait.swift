import Dispatch
import Synchronization

/// Runs async work from the synchronous `main` thread and waits for it. Only for the process's
/// start and stop: the main thread is not part of Swift's cooperative pool, so blocking it while
/// the work runs on the pool cannot starve anything.
enum BlockingAwait {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
