import DequeModule
import Shared
import Synchronization

/// The bounded outgoing queue of one gRPC feed stream: the hub puts messages in without ever
/// waiting, the stream's writer takes them out at the pace its client reads.
///
/// Like a WebSocket's queue (``ServerMailbox``): a message with a conflation key (a topic's
/// update) replaces the one still queued under that key, in place, so a slow reader gets each
/// topic's latest state rather than a backlog; a queue that is still full ends the stream
/// (`RESOURCE_EXHAUSTED`) instead of growing or delaying anyone else.
final class FeedQueue: Sendable {
    enum Item: Sendable {
        /// Protobuf bytes of one `FeedMessage`, shared with the other streams when they came from the hub.
        case message([UInt8])
        /// The node replaced its read model: subscribe again from position 0 (after the queued `reset`).
        case resubscribe
    }

    /// Why the stream ends.
    enum Ending: Sendable, Equatable {
        /// The queue overflowed: a reader that does not keep up even with conflation.
        case overflowed
        /// The node is stopping; the queue's last message says so.
        case goingAway
        /// The stream ended on its own (the client left, or its writer failed).
        case closed
    }

    enum Next: Sendable {
        case item(Item)
        case end(Ending)
    }

    private struct Entry {
        var item: Item
        let key: String?
    }

    private struct State {
        var entries = Deque<Entry>()
        var ending: Ending?
        /// The writer, waiting on an empty queue.
        var waiter: CheckedContinuation<Next, Never>?
        /// The stream's watcher, waiting for an overflow (see ``overflowed()``).
        var watcher: CheckedContinuation<Bool, Never>?
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0, "a feed queue holds at least one message")
        self.capacity = capacity
    }

    /// Queues `item` (never waits). Refused once the stream is ending.
    @discardableResult
    func put(_ item: Item, conflationKey: String? = nil) -> WebSocketSendResult {
        let (result, waiter, watcher) = state.withLock {
            state -> (WebSocketSendResult, CheckedContinuation<Next, Never>?, CheckedContinuation<Bool, Never>?) in
            guard state.ending == nil else { return (.closed, nil, nil) }
            if let key = conflationKey, let index = state.entries.firstIndex(where: { $0.key == key }) {
                state.entries[index].item = item
                return (.conflated, nil, nil)
            }
            if let waiter = state.waiter {
                // The writer waits on an empty queue: hand the item over directly.
                state.waiter = nil
                return (.queued, waiter, nil)
            }
            guard state.entries.count < capacity else {
                state.entries.removeAll()
                state.ending = .overflowed
                defer { state.watcher = nil }
                return (.overflowed, nil, state.watcher)
            }
            state.entries.append(Entry(item: item, key: conflationKey))
            return (.queued, nil, nil)
        }
        waiter?.resume(returning: .item(item))
        watcher?.resume(returning: true)
        return result
    }

    /// Queues a last message (beyond the capacity if need be), then ends the stream: the node is
    /// going away. A stream that already ended is left as it is.
    func finish(with last: [UInt8]) {
        let waiter = state.withLock { state -> CheckedContinuation<Next, Never>? in
            guard state.ending == nil else { return nil }
            state.ending = .goingAway
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.entries.append(Entry(item: .message(last), key: nil))
            return nil
        }
        waiter?.resume(returning: .item(.message(last)))
    }

    /// Ends the stream from the writer's side: later puts are refused, a waiting watcher returns.
    func close() {
        let (waiter, watcher) = state.withLock { state -> (CheckedContinuation<Next, Never>?, CheckedContinuation<Bool, Never>?) in
            if state.ending == nil { state.ending = .closed }
            defer { (state.waiter, state.watcher) = (nil, nil) }
            return (state.waiter, state.watcher)
        }
        waiter?.resume(returning: .end(.closed))
        watcher?.resume(returning: false)
    }

    /// The next item, waiting while the queue is empty; the ending once the queue is drained
    /// (at once after an overflow: the queued messages are dropped with the stream).
    func next() async -> Next {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Next? in
                if state.ending == .overflowed { return .end(.overflowed) }
                if let entry = state.entries.popFirst() { return .item(entry.item) }
                if let ending = state.ending { return .end(ending) }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Returns true when the queue overflows, false when the stream ends otherwise (after
    /// ``close()``). The stream awaits it beside its writer, which may be stuck in a write to a
    /// client that stopped reading: the overflow must end the stream without the writer's help.
    func overflowed() async -> Bool {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool? in
                switch state.ending {
                case .overflowed: return true
                case .closed: return false
                case .goingAway, nil:
                    state.watcher = continuation
                    return nil
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// How many messages wait, for tests.
    var count: Int { state.withLock { $0.entries.count } }
}
