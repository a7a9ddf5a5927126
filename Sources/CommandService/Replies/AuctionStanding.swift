import AuctionDomain

/// The public view of an auction after a command: what any visitor may know.
/// Built from `AuctionState` by copying public fields only (never `maximums`, never `reservePrice`).
struct AuctionStanding: Codable, Sendable, Equatable {
    /// `open`, `closed` or `cancelled`.
    var phase: String
    var price: Money
    var leader: UserID?
    var bidCount: Int
    var endsAt: EpochMilliseconds
    var hasReserve: Bool
    var reserveMet: Bool
    /// The lowest maximum the next bid may name; absent when no higher bid can exist.
    var minimumBid: Money?

    init(_ state: AuctionState) {
        phase = state.phase.rawValue
        price = state.price
        leader = state.leader
        bidCount = state.bidCount
        endsAt = state.endsAt
        hasReserve = state.hasReserve
        reserveMet = state.reserveMet
        minimumBid = state.phase == .open ? state.minimumBid : nil
    }
}
