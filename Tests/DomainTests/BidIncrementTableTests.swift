import AuctionDomain
import Testing

@Suite struct BidIncrementTableTests {
    /// Each row boundary from both sides (cents → increment in cents).
    @Test("The increment grows with the price at each boundary", arguments: [
        (Int64(1), Int64(5)), (99, 5), (1_00, 25), (4_99, 25), (5_00, 50), (24_99, 50), (25_00, 1_00),
        (99_99, 1_00), (100_00, 2_50), (249_99, 2_50), (250_00, 5_00), (499_99, 5_00), (500_00, 10_00),
        (999_99, 10_00), (1000_00, 25_00), (2499_99, 25_00), (2500_00, 50_00), (4999_99, 50_00),
        (5000_00, 100_00), (Money.maximumMinorUnits, 100_00),
    ] as [(Int64, Int64)])
    func boundaries(price: Int64, increment: Int64) {
        #expect(BidIncrementTable.standard.increment(at: eur(price)) == eur(increment))
    }

    @Test func incrementKeepsThePriceCurrency() throws {
        let price = try Money(minorUnits: 3_00, currency: .usd)
        #expect(BidIncrementTable.standard.increment(at: price).currency == .usd)
    }

    @Test func tableIsAscendingAndOpenEnded() {
        let bounds = BidIncrementTable.standard.tiers.compactMap(\.below)
        #expect(bounds == bounds.sorted())
        #expect(BidIncrementTable.standard.tiers.last?.below == nil)
    }
}
