/// The stored lifecycle of an auction. Whether it has started or ended is not stored: it follows
/// from `startsAt`, `endsAt` and the `now` of each command.
public enum AuctionPhase: String, Hashable, Sendable, Codable {
    /// Created and not yet settled: scheduled, running, or ended and awaiting close.
    case open
    /// Settled by a close command.
    case closed
    /// Withdrawn by the seller.
    case cancelled
}
