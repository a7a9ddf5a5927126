/// What a page renders from the hub: its topics' values, in the order asked for, and the position
/// and epoch the page embeds for the live handoff.
struct PageRead: Sendable {
    /// The least position of the values: every topic includes every event up to it, so a
    /// subscription after it misses nothing (a topic already newer may resend what it shows).
    let position: Int64
    let epoch: String
    let topics: [TopicRead]
}
