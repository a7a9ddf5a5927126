import Synchronization

/// Counters of the gRPC feeds, for tests and metrics: they prove that an update is encoded once
/// per node, not once per stream.
final class FeedStatistics: Sendable {
    private let counters = Mutex((encodings: 0, opened: 0, exhausted: 0))

    /// Hub messages encoded as protobuf (each shared by every stream it went to).
    var encodings: Int { counters.withLock { $0.encodings } }
    /// Streams opened since the node started.
    var opened: Int { counters.withLock { $0.opened } }
    /// Streams ended with `RESOURCE_EXHAUSTED` because their reader fell too far behind.
    var exhausted: Int { counters.withLock { $0.exhausted } }

    func encoded() { counters.withLock { $0.encodings += 1 } }
    func streamOpened() { counters.withLock { $0.opened += 1 } }
    func streamExhausted() { counters.withLock { $0.exhausted += 1 } }
}
