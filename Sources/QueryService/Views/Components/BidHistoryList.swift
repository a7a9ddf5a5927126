import AuctionDomain

/// An auction's bids, newest first: who bid, when, and the visible price after the bid. Rendered
/// for the first page and for every `auction:<id>:bids` update.
enum BidHistoryList {
    struct Entry: Equatable, Sendable {
        var bidNumber: Int
        var bidderName: String
        var placedAt: EpochMilliseconds
        /// The visible price right after this bid, when the bid moved it.
        var priceAfter: Money?
    }

    struct Model: Equatable, Sendable {
        var auctionID: AuctionID
        /// Newest first.
        var entries: [Entry]
    }

    static func render(_ model: Model) -> HTML {
        let topic = TopicName.auctionBids(model.auctionID)
        let body: HTML = model.entries.isEmpty
            ? "<p class=\"empty\">No bids yet.</p>"
            : "<ol class=\"bids\" reversed>\(HTML.joined(model.entries.map(entry)))</ol>"
        return "<section id=\"\(topic.domID)\" class=\"bid-history\" data-live-topic=\"\(topic)\"><h2>Bids</h2>\(body)</section>"
    }

    private static func entry(_ entry: Entry) -> HTML {
        let price: HTML = entry.priceAfter.map { " <span class=\"price\">\(MoneyText.format($0))</span>" } ?? .empty
        return """
            <li value="\(entry.bidNumber)"><span class="name">\(entry.bidderName)</span>\(price) \
            <time datetime="\(TimeText.iso8601(entry.placedAt))">\(TimeText.readable(entry.placedAt))</time></li>
            """
    }
}
