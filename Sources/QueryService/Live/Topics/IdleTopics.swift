/// The topics nobody subscribes to that the hub keeps warm for page views, and which of them was
/// used least recently: the one dropped when a new idle topic would exceed the bound.
///
/// A use stamp per topic rather than a linked list: marking a topic used (every page view) is one
/// dictionary write, and finding the least recently used is a scan, done only when a topic turns
/// idle over the bound, which follows a seed (database reads) or a subscriber leaving anyway.
struct IdleTopics {
    private var stamps: [TopicName: UInt64] = [:]
    private var clock: UInt64 = 0

    var count: Int { stamps.count }

    func contains(_ topic: TopicName) -> Bool { stamps[topic] != nil }

    /// Adds `topic`, or marks it as the most recently used.
    mutating func use(_ topic: TopicName) {
        clock += 1
        stamps[topic] = clock
    }

    /// Marks `topic` used if it is idle; a subscribed topic is not in the set and stays out.
    mutating func touch(_ topic: TopicName) {
        guard stamps[topic] != nil else { return }
        use(topic)
    }

    mutating func remove(_ topic: TopicName) { stamps[topic] = nil }

    mutating func removeAll() { stamps = [:] }

    /// Removes the least recently used topics until at most `limit` remain, and returns them.
    mutating func evict(over limit: Int) -> [TopicName] {
        var evicted: [TopicName] = []
        while stamps.count > max(limit, 0), let oldest = stamps.min(by: { $0.value < $1.value })?.key {
            stamps[oldest] = nil
            evicted.append(oldest)
        }
        return evicted
    }
}
