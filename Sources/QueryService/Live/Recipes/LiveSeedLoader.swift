import AuctionDomain

/// Reads a topic's starting state from this node's read model (wired by the service), each at
/// the read-model position it reflects. A loader must read after it is called, never return a
/// cached older state: the hub relies on the seed being at least as new as every event it has
/// already processed.
struct LiveSeedLoader: Sendable {
    /// The auction's price panel state; `.unknown` for an auction the read model does not have.
    var auction: @Sendable (AuctionID) async throws -> TopicSeed<AuctionPanelState>
    /// The auction's newest bids (newest first, at most ``BidHistoryState/limit``).
    var bids: @Sendable (AuctionID) async throws -> TopicSeed<BidHistoryState>
    /// Every open auction, for the home list.
    var home: @Sendable () async throws -> TopicSeed<HomeListState>
}

/// Makes the pipeline node behind a topic name.
struct TopicCatalog: Sendable {
    let loader: LiveSeedLoader
    /// How many auctions the home list shows.
    var homeLimit = 20

    func makeNode(_ topic: TopicName) -> any TopicNode {
        switch topic {
        case .auction(let id):
            DerivedTopic(name: topic, recipe: AuctionPanelState.recipe(id, seed: { try await loader.auction(id) }))
        case .auctionBids(let id):
            DerivedTopic(name: topic, recipe: BidHistoryState.recipe(id, seed: { try await loader.bids(id) }))
        case .home:
            DerivedTopic(name: topic, recipe: HomeListState.recipe(limit: homeLimit, seed: loader.home))
        }
    }
}
