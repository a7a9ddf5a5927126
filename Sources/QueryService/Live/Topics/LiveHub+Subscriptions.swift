import Shared

/// Subscribing, seeding, unsubscribing and the delayed teardown of idle topics.
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
            sink.send(LiveServerMessage.resync(epoch: self.epoch, resubscribe: false).frame(), conflationKey: nil)
            after = 0
        }
        connections[sink.id, default: []].formUnion(topics)
        var loads: [(TopicName, ObjectIdentifier, @Sendable () async throws -> any Sendable)] = []
        for topic in topics {
            if entries[topic] == nil {
                let node = catalog.makeNode(topic)
                entries[topic] = Entry(node: node)
                statistics.topicsCreated += 1
                loads.append((topic, ObjectIdentifier(node), node.seedLoader))
            }
            let subscriber = Subscriber(sink: sink, after: after)
            if entries[topic]?.subscribers.updateValue(subscriber, forKey: sink.id) == nil {
                ServiceMetrics.process.subscriptionsChanged(by: 1)
            }
            entries[topic]?.teardownToken = nil
            if let node = entries[topic]?.node, node.isReady { replay(topic, node: node, to: subscriber) }
        }
        guard !loads.isEmpty else { return .subscribed }
        await withTaskGroup(of: (TopicName, ObjectIdentifier, Result<any Sendable, any Error>).self) { group in
            for (topic, identity, loader) in loads {
                group.addTask {
                    do { return (topic, identity, .success(try await loader())) } catch { return (topic, identity, .failure(error)) }
                }
            }
            for await (topic, identity, result) in group { seeded(topic, identity: identity, result: result) }
        }
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
        let resync = LiveServerMessage.resync(epoch: newEpoch, resubscribe: true).frame()
        var told: Set<UInt64> = []
        for entry in entries.values {
            for subscriber in entry.subscribers.values where told.insert(subscriber.sink.id).inserted {
                subscriber.sink.send(resync, conflationKey: nil)
            }
        }
        statistics.topicsTornDown += entries.count
        entries = [:]
        connections = [:]
    }

    /// Sends the current value when it is newer than the subscriber's page.
    private func replay(_ topic: TopicName, node: any TopicNode, to subscriber: Subscriber) {
        guard let frame = node.frame, node.changedAt > subscriber.after else { return }
        deliver(frame, of: topic, to: subscriber.sink)
    }

    /// Applies a seed to the node it was read for (unless that node was torn down meanwhile), then
    /// gives every subscriber gathered during the load its starting value.
    private func seeded(_ topic: TopicName, identity: ObjectIdentifier, result: Result<any Sendable, any Error>) {
        guard let entry = entries[topic], ObjectIdentifier(entry.node) == identity else { return }
        switch result {
        case .success(let seed):
            statistics.seeds += 1
            entry.node.applySeed(seed, names: &names, statistics: &statistics)
            _ = entry.node.settle(at: processed, names: names, statistics: &statistics)
            for subscriber in entry.subscribers.values { replay(topic, node: entry.node, to: subscriber) }
        case .failure:
            statistics.seedFailures += 1
            entries[topic] = nil
            let failure = LiveServerMessage.error(code: "topic_unavailable", message: "Could not load \(topic); subscribe again later.").frame()
            for subscriber in entry.subscribers.values {
                connections[subscriber.sink.id]?.remove(topic)
                subscriber.sink.send(failure, conflationKey: nil)
            }
        }
    }

    private func release(_ topic: TopicName, sinkID: UInt64) {
        guard entries[topic]?.subscribers.removeValue(forKey: sinkID) != nil else { return }
        ServiceMetrics.process.subscriptionsChanged(by: -1)
        guard entries[topic]?.subscribers.isEmpty == true else { return }
        tokens += 1
        let token = tokens
        entries[topic]?.teardownToken = token
        let delay = configuration.teardownDelay
        Task {
            // Sleep only fails when cancelled, and this task is never cancelled.
            try? await Task.sleep(for: delay)
            // The task inherits the actor's isolation, so this runs on the hub.
            self.tearDownIfIdle(topic, token: token)
        }
    }

    /// Removes the topic if nobody subscribed since the teardown was scheduled.
    private func tearDownIfIdle(_ topic: TopicName, token: UInt64) {
        guard let entry = entries[topic], entry.subscribers.isEmpty, entry.teardownToken == token else { return }
        entries[topic] = nil
        statistics.topicsTornDown += 1
    }
}
