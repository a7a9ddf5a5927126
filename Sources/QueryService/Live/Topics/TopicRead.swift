/// One topic as a page reads it from the hub: the fragment the hub rendered for its current value,
/// the state behind it (for what depends on the visitor), and the position it reflects.
struct TopicRead: Sendable {
    /// Nil when the topic has nothing to show (an auction this node does not know).
    let html: HTML?
    let state: any Sendable
    /// The read-model position the value reflects: every event up to it is included (some later
    /// ones may be too, when the seed's data was newer than its position).
    let position: Int64
}
