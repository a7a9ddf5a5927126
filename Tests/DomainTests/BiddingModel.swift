import AuctionDomain
import Testing

/// An independent record of accepted bids, used to check the proxy-bidding invariants against
/// what the aggregate says.
struct BiddingModel {
    /// Each bidder's maximums in the order they were accepted, with the step index.
    private var submitted: [UserID: [(cents: Int64, step: Int)]] = [:]

    mutating func accept(_ bidder: UserID, _ cents: Int64, at step: Int) {
        submitted[bidder, default: []].append((cents, step))
    }

    func checkStanding(_ state: AuctionState) {
        guard let leader = state.leader, let leaderBids = submitted[leader], let leaderLatest = leaderBids.last else {
            #expect(submitted.isEmpty && state.price == state.startingPrice)
            return
        }
        let leaderMax = leaderLatest.cents
        #expect(state.leaderMaximum?.minorUnits == leaderMax)
        #expect(state.price.minorUnits <= leaderMax && state.price.minorUnits >= state.startingPrice.minorUnits)
        let others = submitted.filter { $0.key != leader }.compactMap(\.value.last)
        for other in others {
            #expect(leaderMax >= other.cents)
            if leaderMax == other.cents {
                // The leader reached this maximum first.
                let reached = leaderBids.first { $0.cents == leaderMax }?.step ?? .max
                #expect(reached < other.step)
            }
            #expect(state.price.minorUnits >= other.cents)
        }
        let runnerUp = others.map(\.cents).max()
        let target = runnerUp.map { $0 + Auction.incrementTable.increment(at: eur($0)).minorUnits } ?? state.startingPrice.minorUnits
        let reserve = state.reservePrice?.minorUnits
        let explained = leaderBids.contains { bid in
            let base = min(bid.cents, target)
            let expected = reserve.map { leaderMax >= $0 ? max(base, $0) : base } ?? base
            return expected == state.price.minorUnits
        }
        #expect(explained, "price \(state.price) not min(leader max, runner-up + increment) nor the reserve")
    }
}
