/// The minimum step between one visible price and the next, growing with the price (eBay-like).
///
/// | price from | below    | increment |
/// |-----------:|---------:|----------:|
/// |       0.01 |     1.00 |      0.05 |
/// |       1.00 |     5.00 |      0.25 |
/// |       5.00 |    25.00 |      0.50 |
/// |      25.00 |   100.00 |      1.00 |
/// |     100.00 |   250.00 |      2.50 |
/// |     250.00 |   500.00 |      5.00 |
/// |     500.00 |  1000.00 |     10.00 |
/// |    1000.00 |  2500.00 |     25.00 |
/// |    2500.00 |  5000.00 |     50.00 |
/// |    5000.00 |        — |    100.00 |
public struct BidIncrementTable: Hashable, Sendable {
    /// One row: prices strictly below `below` (minor units) step by `increment`.
    public struct Tier: Hashable, Sendable {
        /// Exclusive upper bound of the row in minor units; `nil` for the open-ended last row.
        public let below: Int64?
        /// The step in minor units.
        public let increment: Int64
    }

    /// The rows in ascending order; the last has `below == nil`.
    public let tiers: [Tier]

    /// The table every auction uses (see docs/bidding-rules.md).
    public static let standard = BidIncrementTable(tiers: [
        Tier(below: 1_00, increment: 5),
        Tier(below: 5_00, increment: 25),
        Tier(below: 25_00, increment: 50),
        Tier(below: 100_00, increment: 1_00),
        Tier(below: 250_00, increment: 2_50),
        Tier(below: 500_00, increment: 5_00),
        Tier(below: 1000_00, increment: 10_00),
        Tier(below: 2500_00, increment: 25_00),
        Tier(below: 5000_00, increment: 50_00),
        Tier(below: nil, increment: 100_00),
    ])

    /// The increment that applies at `price`, in the price's currency.
    public func increment(at price: Money) -> Money {
        let tier = tiers.first { $0.below.map { price.minorUnits < $0 } ?? true }
        return Money(trustedMinorUnits: tier?.increment ?? 100_00, currency: price.currency)
    }
}
