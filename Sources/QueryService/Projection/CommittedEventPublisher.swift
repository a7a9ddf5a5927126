import Synchronization

/// Hands committed batches to the registered `CommittedEventListener`s, in commit order.
///
/// The projector calls `publish` only after the batch's transaction committed, from its own task,
/// one batch at a time; listeners are called outside the lock.
final class CommittedEventPublisher: Sendable {
    private let listeners = Mutex<[any CommittedEventListener]>([])

    init() {}

    /// Registers `listener` for every batch committed from now on.
    func add(_ listener: any CommittedEventListener) {
        listeners.withLock { $0.append(listener) }
    }

    func publish(_ events: [CommittedEvent]) {
        guard !events.isEmpty else { return }
        for listener in listeners.withLock({ $0 }) { listener.committed(events) }
    }

    func readModelReplaced(position: Int64) {
        for listener in listeners.withLock({ $0 }) { listener.readModelReplaced(position: position) }
    }
}
