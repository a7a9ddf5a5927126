import Shared

/// Creating a topic and seeding it once, however many subscriptions and page views ask for it
/// while the seed loads (single flight).
extension LiveHub {
    /// Creates `topic`'s node and starts its seed, unless the topic exists (warm or loading).
    func ensureTopic(_ topic: TopicName) {
        guard entries[topic] == nil else { return }
        let node = catalog.makeNode(topic)
        entries[topic] = Entry(node: node)
        statistics.topicsCreated += 1
        let identity = ObjectIdentifier(node)
        let loader = node.seedLoader
        Task {
            // The load runs off the hub (the loader is a nonisolated closure); the task inherits
            // the actor's isolation, so `seeded` runs on the hub.
            let result: Result<any Sendable, any Error>
            do { result = .success(try await loader()) } catch { result = .failure(error) }
            self.seeded(topic, identity: identity, result: result)
        }
    }

    /// The topic's current value once it is seeded; nil when the seed failed or the topic was
    /// dropped first (the read model was replaced). A warm topic answers at once.
    func seededValue(of topic: TopicName) async -> TopicRead? {
        guard let entry = entries[topic] else { return nil }
        if entry.node.isReady { return value(of: entry.node) }
        return await withCheckedContinuation { waiter in entries[topic]?.waiters.append(waiter) }
    }

    /// What a page shows of a ready node. Its events up to ``processed`` are all folded, and a
    /// node seeded ahead of the hub already includes those up to its own position.
    func value(of node: any TopicNode) -> TopicRead? {
        guard let state = node.currentState else { return nil }
        return TopicRead(html: node.html, state: state, position: max(node.position, processed))
    }

    /// Removes a topic, releasing the page views that wait for its seed.
    func drop(_ topic: TopicName) {
        guard let entry = entries.removeValue(forKey: topic) else { return }
        idle.remove(topic)
        statistics.topicsTornDown += 1
        for waiter in entry.waiters { waiter.resume(returning: nil) }
    }

    /// Applies a seed to the node it was read for (unless that node was dropped meanwhile), gives
    /// the waiting page views and every subscriber gathered during the load its starting value.
    private func seeded(_ topic: TopicName, identity: ObjectIdentifier, result: Result<any Sendable, any Error>) {
        guard let entry = entries[topic], ObjectIdentifier(entry.node) == identity else { return }
        switch result {
        case .success(let seed):
            statistics.seeds += 1
            entry.node.applySeed(seed, names: &names, statistics: &statistics)
            _ = entry.node.settle(at: processed, names: names, statistics: &statistics)
            let value = value(of: entry.node)
            entries[topic]?.waiters = []
            for waiter in entry.waiters { waiter.resume(returning: value) }
            for subscriber in entry.subscribers.values { replay(topic, node: entry.node, to: subscriber) }
            if entry.subscribers.isEmpty { becameIdle(topic) }
        case .failure:
            statistics.seedFailures += 1
            drop(topic)
            let failure = LiveOutbound(.error(code: "topic_unavailable", message: "Could not load \(topic); subscribe again later.", topic: topic))
            for subscriber in entry.subscribers.values {
                connections[subscriber.sink.id]?.remove(topic)
                subscriber.sink.send(failure, conflationKey: nil)
            }
        }
    }
}
