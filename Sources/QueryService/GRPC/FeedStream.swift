import Shared

/// One gRPC `Subscribe` stream as a subscriber of the live hub.
///
/// The hub calls ``send(_:conflationKey:)`` on its own executor; the message's protobuf bytes are
/// encoded by the first stream that needs them and reused by every other (``LiveOutbound``),
/// then queued here without waiting (``FeedQueue``).
final class FeedStream: LiveSink {
    let id: UInt64
    let topics: [TopicName]
    let queue: FeedQueue
    private let statistics: FeedStatistics

    init(id: UInt64, topics: [TopicName], capacity: Int, statistics: FeedStatistics) {
        self.id = id
        self.topics = topics
        self.queue = FeedQueue(capacity: capacity)
        self.statistics = statistics
    }

    func send(_ message: LiveOutbound, conflationKey: String?) -> WebSocketSendResult {
        let statistics = statistics
        let bytes = message.encoded { message in
            statistics.encoded()
            return FeedMessages.encode(message)
        }
        guard !bytes.isEmpty else { return .queued }
        if case .resync(_, resubscribe: true) = message.message {
            // The hub forgot every subscription: after the reset, the stream subscribes again itself
            // (a server stream cannot ask its client to).
            let result = queue.put(.message(bytes))
            queue.put(.resubscribe)
            return result
        }
        return queue.put(.message(bytes), conflationKey: conflationKey)
    }
}
