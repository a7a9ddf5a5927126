import AuctionDomain

/// One auction in a list: title (a link to its page), price, number of bids and end time.
enum AuctionCard {
    struct Model: Equatable, Sendable {
        var auctionID: AuctionID
        var title: String
        /// The visible price: the starting price until the first bid.
        var price: Money
        var bidCount: Int
        var endsAt: EpochMilliseconds
        /// Shown instead of the end time once the auction is over: "Sold", "Cancelled"…
        var closedLabel: String? = nil
    }

    static func render(_ model: Model) -> HTML {
        let when: HTML = if let closed = model.closedLabel {
            "<span class=\"closed\">\(closed)</span>"
        } else {
            "<time datetime=\"\(TimeText.iso8601(model.endsAt))\" data-countdown>\(TimeText.readable(model.endsAt))</time>"
        }
        return """
            <li class="auction-card"><a href="\(URLPath.auction(model.auctionID))">\(model.title)</a> \
            <span class="price">\(MoneyText.format(model.price))</span> \
            <span class="bid-count">\(model.bidCount == 1 ? "1 bid" : "\(model.bidCount) bids")</span> \
            \(when)</li>
            """
    }
}
