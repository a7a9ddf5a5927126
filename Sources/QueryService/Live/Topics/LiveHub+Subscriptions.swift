import Shared

/// Subscribing, unsubscribing, and forgetting every topic when the read model is replaced.
extension LiveHub {
    /// Subscribes `sink` to `topics` from position `after`. New topics are seeded (concurrently)
    /// before this returns; a topic that is already warm replays its latest value if it changed
    /// after `after`. All or nothing: over the per-connection limit, nothing is subscribed.
    ///
    /// A position from another epoch (another node, or before a rebuild) means nothing here: the
    /// client is told to resync and gets every topic's current value, as if `after` were 0.
    func subscribe(_ topics: [TopicName], after: Int64, epoch: String? = nil, sink: any LiveSink) async -> SubscribeOutcome {
        let current = connections[sink.id, default: []]
        let added = Set(topics).subtracting(current)
        guard current.count + added.count <= configuration.maxTopicsPerConnection else {
            return .tooManyTopics(limit: configuration.maxTopicsPerConnection)
        }
        var after = after
        if let epoch, epoch != self.epoch {
            sink.send(LiveOutbound(.resync(epoch: self.epoch, resubscribe: false)), conflationKey: nil)
            after = 0
        }
        connections[sink.id, default: []].formUnion(topics)
        var loading: [TopicName] = []
        for topic in topics {
            ensureTopic(topic)
            let subscriber = Subscriber(sink: sink, after: after)
            if entries[topic]?.subscribers.updateValue(subscriber, forKey: sink.id) == nil {
                ServiceMetrics.process.subscriptionsChanged(by: 1)
            }
            // Subscribed: no longer idle, whatever teardown was pending.
            idle.remove(topic)
            entries[topic]?.teardownToken = nil
            guard let node = entries[topic]?.node else { continue }
            if node.isReady { replay(topic, node: node, to: subscriber) } else { loading.append(topic) }
        }
        // The seeds run concurrently; `seeded` replays each value to the subscribers gathered meanwhile.
        for topic in loading { _ = await seededValue(of: topic) }
        return .subscribed
    }

    func unsubscribe(_ topics: [TopicName], sinkID: UInt64) {
        for topic in topics where connections[sinkID]?.remove(topic) != nil { release(topic, sinkID: sinkID) }
        if connections[sinkID]?.isEmpty == true { connections[sinkID] = nil }
    }

    /// Drops every subscription of a closed connection.
    func disconnect(_ sinkID: UInt64) {
        for topic in connections.removeValue(forKey: sinkID) ?? [] { release(topic, sinkID: sinkID) }
    }

    /// The read model was rebuilt and positions restarted meaning: forget every topic (they will be
    /// seeded again) and tell every connection to resubscribe under a new epoch.
    func readModelReplaced(position: Int64, newEpoch: String) {
        epoch = newEpoch
        processed = position
        let resync = LiveOutbound(.resync(epoch: newEpoch, resubscribe: true))
        var told: Set<UInt64> = []
        for entry in entries.values {
            for subscriber in entry.subscribers.values where told.insert(subscriber.sink.id).inserted {
                subscriber.sink.send(resync, conflationKey: nil)
            }
        }
        for topic in Array(entries.keys) { drop(topic) }
        connections = [:]
    }

    /// Sends the current value when it is newer than the subscriber's page.
    func replay(_ topic: TopicName, node: any TopicNode, to subscriber: Subscriber) {
        guard let update = node.update, node.changedAt > subscriber.after else { return }
        deliver(update, of: topic, to: subscriber.sink)
    }

    private func release(_ topic: TopicName, sinkID: UInt64) {
        guard entries[topic]?.subscribers.removeValue(forKey: sinkID) != nil else { return }
        ServiceMetrics.process.subscriptionsChanged(by: -1)
        guard entries[topic]?.subscribers.isEmpty == true else { return }
        entries[topic]?.lastUsed = .now
        becameIdle(topic)
    }
}
