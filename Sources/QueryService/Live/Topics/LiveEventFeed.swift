import Foundation

/// Connects the projector to the hub: receives committed batches on the projector's task,
/// returns at once, and lets one consumer task hand them to the hub in the same order.
///
/// The projector must never wait for live updates, so the hand-off is an unbounded stream; its
/// backlog is bounded in practice by the hub being much faster than the read model's commits.
final class LiveEventFeed: CommittedEventListener {
    private enum Item {
        case committed([CommittedEvent])
        case replaced(position: Int64)
    }

    private let continuation: AsyncStream<Item>.Continuation
    private let consumer: Task<Void, Never>
    private let hub: LiveHub

    init(hub: LiveHub) {
        self.hub = hub
        let (stream, continuation) = AsyncStream.makeStream(of: Item.self)
        self.continuation = continuation
        consumer = Task {
            for await item in stream {
                switch item {
                case .committed(let events): await hub.process(events)
                case .replaced(let position): await hub.readModelReplaced(position: position, newEpoch: UUID().uuidString)
                }
            }
        }
    }

    func committed(_ events: [CommittedEvent]) {
        guard let last = events.last else { return }
        // Announced before it is queued, so a page view that starts now waits for it.
        hub.announce(last.position)
        continuation.yield(.committed(events))
    }

    /// Queued behind the events already received, so the hub switches epochs in order.
    func readModelReplaced(position: Int64) {
        hub.announce(position, replacing: true)
        continuation.yield(.replaced(position: position))
    }

    /// Stops accepting events and waits until the hub has processed those already received.
    func finish() async {
        continuation.finish()
        await consumer.value
    }
}
