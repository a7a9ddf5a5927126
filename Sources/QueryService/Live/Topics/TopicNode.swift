import AuctionDomain
import Shared

/// One topic's pipeline inside the hub, with its generic state hidden.
///
/// Only the hub's actor touches a node (it is not `Sendable` and never leaves the actor).
protocol TopicNode: AnyObject {
    var name: TopicName { get }
    /// True once the seed has been applied.
    var isReady: Bool { get }
    /// The latest update, nil before the first value (or for a topic with nothing to show).
    var update: LiveOutbound? { get }
    /// The fragment the frame carries, kept as HTML so pages reuse it: rendered once per change,
    /// never per request. Nil exactly when `update` is.
    var html: HTML? { get }
    /// The folded state, type-erased, for a page's per-visitor decisions (nil before the seed).
    var currentState: (any Sendable)? { get }
    /// The position of the last event that changed the shown value (the seed's position after seeding).
    var changedAt: Int64 { get }
    /// The read-model position the value reflects.
    var position: Int64 { get }
    /// The seed read, type-erased so the hub can await it without sending the node across isolation.
    var seedLoader: @Sendable () async throws -> any Sendable { get }
    /// Applies the seed, then the events buffered while it loaded that are newer than it.
    func applySeed(_ seed: any Sendable, names: inout NameDirectory, statistics: inout LiveStatistics)
    /// Offers one event. Buffered while loading; ignored when the seed already includes it or the
    /// filter rejects it; otherwise folded into the state. Returns whether it was folded.
    func offer(_ event: CommittedEvent, statistics: inout LiveStatistics) -> Bool
    /// Ends a batch at `position`: maps the state to a view model if an event was folded, and
    /// renders and serializes a new update only when the view model changed (distinct).
    /// Returns whether the update changed.
    func settle(at position: Int64, names: NameDirectory, statistics: inout LiveStatistics) -> Bool
}

/// A topic pipeline over a concrete state and view model.
final class DerivedTopic<State: Sendable, ViewModel: Equatable & Sendable>: TopicNode {
    let name: TopicName
    private let recipe: TopicRecipe<State, ViewModel>
    private var state: State?
    private var buffered: [CommittedEvent] = []
    private var dirty = false
    private var lastFolded: Int64 = 0
    private var view: ViewModel?
    private(set) var update: LiveOutbound?
    private(set) var html: HTML?
    private(set) var changedAt: Int64 = 0
    private(set) var position: Int64 = 0

    init(name: TopicName, recipe: TopicRecipe<State, ViewModel>) {
        self.name = name
        self.recipe = recipe
    }

    var isReady: Bool { state != nil }

    var currentState: (any Sendable)? { state }

    var seedLoader: @Sendable () async throws -> any Sendable {
        let seed = recipe.seed
        return { try await seed() }
    }

    func applySeed(_ seed: any Sendable, names: inout NameDirectory, statistics: inout LiveStatistics) {
        guard state == nil, let seed = seed as? TopicSeed<State> else { return }
        names.merge(seed.names)
        state = seed.state
        position = seed.position
        changedAt = seed.position
        dirty = true
        let pending = buffered
        buffered = []
        for event in pending { _ = offer(event, statistics: &statistics) }
        _ = settle(at: max(position, pending.last?.position ?? 0), names: names, statistics: &statistics)
    }

    func offer(_ event: CommittedEvent, statistics: inout LiveStatistics) -> Bool {
        guard var current = state else {
            buffered.append(event)
            return false
        }
        guard event.position > position, recipe.filter(event.envelope) else { return false }
        // Release the stored copy first so the scan mutates uniquely referenced storage.
        state = nil
        recipe.scan(&current, event.envelope)
        state = current
        statistics.scans += 1
        dirty = true
        lastFolded = event.position
        return true
    }

    func settle(at position: Int64, names: NameDirectory, statistics: inout LiveStatistics) -> Bool {
        guard let state else { return false }
        self.position = max(self.position, position)
        guard dirty else { return false }
        dirty = false
        statistics.views += 1
        let next = recipe.view(state, names)
        guard next != view else { return false }
        view = next
        changedAt = max(changedAt, lastFolded)
        guard let next else {
            update = nil
            html = nil
            return false
        }
        let html = recipe.render(next)
        self.html = html
        statistics.renders += 1
        update = LiveOutbound(.update(topic: name, position: self.position, html: html), data: recipe.data(next))
        statistics.serializations += 1
        return true
    }
}
