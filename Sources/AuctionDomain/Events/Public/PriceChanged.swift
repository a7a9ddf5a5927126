/// The visible price, the leader, or whether the reserve is met changed (after a bid).
public struct PriceChanged: Hashable, Sendable, Codable {
    public let price: Money
    public let leader: UserID
    /// True when there is no reserve or the price has reached it; never the reserve itself.
    public let reserveMet: Bool

    public init(price: Money, leader: UserID, reserveMet: Bool) {
        self.price = price
        self.leader = leader
        self.reserveMet = reserveMet
    }
}
