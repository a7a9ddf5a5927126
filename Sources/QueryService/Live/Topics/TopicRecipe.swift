import AuctionDomain

/// How a topic derives its value from committed events, as pure functions:
/// `filter` → `scan` (fold into a state) → `view` (map to a view model) → distinct → `render`.
///
/// The hub runs each step once per event (filter, scan) or once per change (view, render) for
/// the whole node, however many connections subscribe.
struct TopicRecipe<State: Sendable, ViewModel: Equatable & Sendable>: Sendable {
    /// Whether an event can affect this topic at all.
    var filter: @Sendable (PublicEventEnvelope) -> Bool
    /// Folds one event that passed the filter into the state.
    var scan: @Sendable (inout State, PublicEventEnvelope) -> Void
    /// What the page shows for a state; nil when there is nothing to show (an unknown auction).
    var view: @Sendable (State, NameDirectory) -> ViewModel?
    /// The presentational component that renders the view model, the same one the page uses.
    var render: @Sendable (ViewModel) -> HTML
    /// The view model as typed data, for feeds that carry data instead of HTML.
    var data: @Sendable (ViewModel) -> LiveTopicData
    /// Reads the topic's state from the read model, with the position it reflects.
    var seed: @Sendable () async throws -> TopicSeed<State>
}

/// A topic's initial state as read from the read model: everything up to and including
/// `position`, plus display names of the users it mentions.
struct TopicSeed<State: Sendable>: Sendable {
    var position: Int64
    var state: State
    var names: [UserID: String] = [:]
}
