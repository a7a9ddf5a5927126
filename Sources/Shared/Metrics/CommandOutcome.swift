/// How a command ended: the `outcome` label of `auction_commands_total`.
///
/// A closed vocabulary keeps the label set small; add a constant here rather than passing free
/// text (never an error message or an id).
package struct CommandOutcome: RawRepresentable, Sendable, Hashable {
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }

    /// Validated and its events appended.
    package static let accepted = CommandOutcome(rawValue: "accepted")
    /// Refused by an auction rule (bid too low, auction closed, own auction...).
    package static let rejected = CommandOutcome(rawValue: "rejected")
    /// Malformed or incomplete input (4xx before any rule ran).
    package static let invalid = CommandOutcome(rawValue: "invalid")
    /// Not authenticated or not allowed.
    package static let unauthorized = CommandOutcome(rawValue: "unauthorized")
    /// A repeat of an idempotency key: answered with the first outcome, nothing appended.
    package static let duplicate = CommandOutcome(rawValue: "duplicate")
    /// Lost a race: the lock could not be taken in time, or the stream version moved.
    package static let conflict = CommandOutcome(rawValue: "conflict")
    /// A dependency (Redis) could not be reached: 503, nothing appended.
    package static let unavailable = CommandOutcome(rawValue: "unavailable")
    /// An unexpected error on our side: 500.
    package static let failed = CommandOutcome(rawValue: "failed")
}
