import AuctionDomain

/// The top of a seller's page: their name and since when they are registered.
enum SellerHeader {
    struct Model: Equatable, Sendable {
        var displayName: String
        var registeredAt: EpochMilliseconds
    }

    static func render(_ model: Model) -> HTML {
        """
        <header class="seller-header"><h1>\(model.displayName)</h1>\
        <p>Member since <time datetime="\(TimeText.iso8601(model.registeredAt))">\(TimeText.readable(model.registeredAt))</time></p></header>
        """
    }
}
