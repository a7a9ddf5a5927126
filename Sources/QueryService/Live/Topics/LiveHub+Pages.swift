import Synchronization

/// The pages' side of the hub: a page view reads its topics' current fragments and states instead
/// of querying the read model, so a warm page costs no database round trip.
extension LiveHub {
    /// The current values of `topics` for a page, seeding the cold ones (once, however many views
    /// ask at the same time) and keeping them warm for the next views.
    ///
    /// Read-your-writes: first waits (at most ``Configuration/catchUpTimeout``) until the hub has
    /// processed every event the projector had committed when the view arrived, and `floor`
    /// (the read-model position after a write the page must show). Nil when a seed failed.
    func read(_ topics: [TopicName], atLeast floor: Int64 = 0) async -> PageRead? {
        await catchUp(to: max(floor, announced.load(ordering: .acquiring)))
        // Every cold topic starts loading now, so the seeds run concurrently.
        for topic in topics { ensureTopic(topic) }
        var values: [TopicRead] = []
        values.reserveCapacity(topics.count)
        let now = ContinuousClock.now
        for topic in topics {
            // Again: a warm idle topic may have been evicted while an earlier one loaded.
            ensureTopic(topic)
            guard let value = await seededValue(of: topic) else { return nil }
            idle.touch(topic)
            entries[topic]?.lastUsed = now
            values.append(value)
        }
        statistics.pageReads += 1
        return PageRead(position: values.lazy.map(\.position).min() ?? processed, epoch: epoch, topics: values)
    }

    /// The position and epoch for a page without live topics (an error page).
    var bareRead: PageRead { PageRead(position: processed, epoch: epoch, topics: []) }

    /// Called by the feed when the projector hands over a committed batch (on the projector's
    /// task, before the hub processes it), and with the new position when the read model is
    /// replaced.
    nonisolated func announce(_ position: Int64, replacing: Bool = false) {
        if replacing {
            announced.store(position, ordering: .releasing)
        } else {
            announced.max(position, ordering: .releasing)
        }
    }

    /// Waits until ``processed`` reaches `position`, giving up after the timeout (a page is then
    /// served as the hub has it; its live subscription brings the rest).
    private func catchUp(to position: Int64) async {
        guard processed < position else { return }
        let deadline = ContinuousClock.now + configuration.catchUpTimeout
        while processed < position, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(1)) } catch { return }
        }
    }
}
