/// Topics without subscribers: kept warm for page views within a bound and a delay since their
/// last use, never when they have nothing to show.
extension LiveHub {
    /// `topic` has no subscriber (any more): keep it warm for page views, dropping the least
    /// recently used idle topic beyond ``Configuration/maxIdleTopics``, until
    /// ``Configuration/teardownDelay`` passes without use. A topic with nothing to show (an
    /// auction the read model does not have) is dropped at once: a 404 is not cached.
    func becameIdle(_ topic: TopicName) {
        guard let entry = entries[topic], entry.subscribers.isEmpty, entry.node.isReady else { return }
        guard entry.node.html != nil else {
            drop(topic)
            return
        }
        idle.use(topic)
        for victim in idle.evict(over: configuration.maxIdleTopics) {
            drop(victim)
            statistics.topicsEvicted += 1
        }
        if entries[topic] != nil { scheduleTeardown(topic, after: configuration.teardownDelay) }
    }

    /// Drops those of `topics` that are warm and unsubscribed (the page found its auction unknown).
    func forget(_ topics: [TopicName]) {
        for topic in topics where idle.contains(topic) { drop(topic) }
    }

    /// Number of warm topics without subscribers, for tests and metrics.
    var idleTopicCount: Int { idle.count }

    private func scheduleTeardown(_ topic: TopicName, after delay: Duration) {
        tokens += 1
        let token = tokens
        entries[topic]?.teardownToken = token
        Task {
            // Sleep only fails when cancelled, and this task is never cancelled.
            try? await Task.sleep(for: delay)
            // The task inherits the actor's isolation, so this runs on the hub.
            self.tearDownIfIdle(topic, token: token)
        }
    }

    /// Removes the topic if nobody subscribed since the teardown was scheduled and no page used it
    /// for the whole delay; a page view meanwhile postpones the teardown to a delay after it.
    private func tearDownIfIdle(_ topic: TopicName, token: UInt64) {
        guard let entry = entries[topic], entry.subscribers.isEmpty, entry.teardownToken == token else { return }
        let unused = ContinuousClock.now - entry.lastUsed
        if unused < configuration.teardownDelay {
            scheduleTeardown(topic, after: configuration.teardownDelay - unused)
        } else {
            drop(topic)
        }
    }
}
