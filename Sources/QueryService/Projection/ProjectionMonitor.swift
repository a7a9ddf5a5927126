import Shared
import Synchronization

/// The shared, thread-safe home of the projection's `ProjectionStatus` and of the cursor the lag
/// probe compares with Redis. The projector, the probe and the HTTP handlers touch it from
/// different tasks; every access is one short critical section.
final class ProjectionMonitor: Sendable {
    private struct State {
        var status = ProjectionStatus()
        var cursor = ProjectionCursor(checkpoints: [:], position: 0)
    }

    private let state = Mutex(State())

    /// A copy of the current status.
    var status: ProjectionStatus { state.withLock { $0.status } }

    /// The cursor of the last commit (or load).
    var cursor: ProjectionCursor { state.withLock { $0.cursor } }

    /// Changes the status under the lock.
    func update(_ change: (inout ProjectionStatus) -> Void) {
        state.withLock { change(&$0.status) }
    }

    /// Records the cursor the projector now stands at.
    func record(cursor: ProjectionCursor) {
        state.withLock { state in
            state.cursor = cursor
            state.status.position = cursor.position
        }
    }

    /// Records a committed batch.
    func record(_ outcome: BatchWriter.Outcome) {
        state.withLock { state in
            state.cursor = outcome.cursor
            state.status.position = outcome.cursor.position
            state.status.appliedEvents += Int64(outcome.committed.count)
            state.status.duplicateEvents += Int64(outcome.duplicates)
            state.status.deadLetters += Int64(outcome.deadLetters.count)
            state.status.batches += 1
            state.status.largestBatch = max(state.status.largestBatch, Int64(outcome.committed.count))
        }
        ServiceMetrics.process.eventsProjected(outcome.committed.count)
    }
}
