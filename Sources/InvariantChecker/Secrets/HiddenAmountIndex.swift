import AuctionDomain

/// Which amounts no public surface may show.
///
/// An amount is hidden for an auction when it was a maximum or the reserve of that auction and
/// never a public amount of it (price, starting price, minimum bid): a maximum that later became
/// the visible price is no secret any more. On a surface about one auction its hidden amounts are
/// looked for; on a surface about many (listings, the home feed, user rows) only amounts hidden
/// for some auction and public for none, so that one auction's price is never mistaken for another
/// auction's secret.
struct HiddenAmountIndex: Sendable {
    private let perAuction: [String: Set<Int64>]
    private let global: Set<Int64>

    init(facts: [AuctionID: AuctionFacts]) {
        var perAuction: [String: Set<Int64>] = [:]
        var allPublic = Set<Int64>()
        var allHidden = Set<Int64>()
        for (id, fact) in facts {
            perAuction[id.rawValue] = fact.hiddenAmounts
            allPublic.formUnion(fact.publicAmounts)
            allHidden.formUnion(fact.hiddenAmounts)
        }
        self.perAuction = perAuction
        self.global = allHidden.subtracting(allPublic)
    }

    /// The hidden amounts for a surface about `auction` (nil: about several or unknown).
    func hidden(for auction: String?) -> Set<Int64> {
        guard let auction, let amounts = perAuction[auction] else { return global }
        return amounts
    }

    /// Whether `id` names an auction of the log.
    func knows(_ id: String) -> Bool { perAuction[id] != nil }

    var hiddenCount: Int { perAuction.values.reduce(0) { $0 + $1.count } }
}
