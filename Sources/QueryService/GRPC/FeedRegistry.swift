import Synchronization

/// The node's open feed streams, so that shutdown can tell each one it is going away, and new
/// streams are refused once it has.
final class FeedRegistry: Sendable {
    /// Hub subscriber ids of gRPC streams start here, far above any WebSocket connection id (the
    /// server counts those from 1), so the two kinds never share an id in the hub.
    static let firstID: UInt64 = 1 << 62

    private struct State {
        var streams: [UInt64: FeedStream] = [:]
        var nextID = FeedRegistry.firstID
        var goingAway = false
    }

    private let state = Mutex(State())

    /// A new stream, or nil when the node is stopping.
    func open(topics: [TopicName], capacity: Int, statistics: FeedStatistics) -> FeedStream? {
        state.withLock { state in
            guard !state.goingAway else { return nil }
            let stream = FeedStream(id: state.nextID, topics: topics, capacity: capacity, statistics: statistics)
            state.nextID += 1
            state.streams[stream.id] = stream
            return stream
        }
    }

    func remove(_ id: UInt64) { _ = state.withLock { $0.streams.removeValue(forKey: id) } }

    /// Open streams, for tests and metrics.
    var count: Int { state.withLock { $0.streams.count } }

    /// Ends every stream with a last `going_away` message and refuses new ones.
    func goAway(reason: String) {
        let streams = state.withLock { state in
            state.goingAway = true
            return Array(state.streams.values)
        }
        let last = FeedMessages.goingAway(reason)
        for stream in streams { stream.queue.finish(with: last) }
    }
}
