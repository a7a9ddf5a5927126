import AuctionDomain

/// The live heart of an auction page: price, leader, time left, status and whether the reserve
/// is met. Rendered for the first page and for every `auction:<id>` update.
enum PricePanel {
    enum Status: Equatable, Sendable {
        case open
        case ended(winnerName: String?)
        case cancelled
    }

    enum Reserve: Equatable, Sendable {
        case none, met, notMet
    }

    struct Model: Equatable, Sendable {
        var auctionID: AuctionID
        /// The visible price: the starting price until the first bid.
        var price: Money
        var bidCount: Int
        var leaderName: String?
        var endsAt: EpochMilliseconds
        var status: Status
        var reserve: Reserve
    }

    static func render(_ model: Model) -> HTML {
        let topic = TopicName.auction(model.auctionID)
        let priceLabel = model.bidCount == 0 ? "Starting price" : "Current price"
        return """
            <section id="\(topic.domID)" class="price-panel" data-live-topic="\(topic)" aria-live="polite">\
            <p class="price"><span class="label">\(priceLabel)</span> <strong>\(MoneyText.format(model.price))</strong></p>\
            \(leader(model))\
            <p class="bid-count">\(bidCount(model.bidCount))</p>\
            \(ends(model))\
            \(status(model.status))\
            \(reserve(model.reserve))\
            </section>
            """
    }

    private static func leader(_ model: Model) -> HTML {
        guard let name = model.leaderName else { return "<p class=\"leader\">No bids yet</p>" }
        return "<p class=\"leader\">Leading: <span class=\"name\">\(name)</span></p>"
    }

    private static func bidCount(_ count: Int) -> String { count == 1 ? "1 bid" : "\(count) bids" }

    private static func ends(_ model: Model) -> HTML {
        let time: HTML = "<time datetime=\"\(TimeText.iso8601(model.endsAt))\"\(model.status == .open ? " data-countdown" : "")>\(TimeText.readable(model.endsAt))</time>"
        return model.status == .open ? "<p class=\"ends\">Ends \(time)</p>" : "<p class=\"ends\">Ended \(time)</p>"
    }

    private static func status(_ status: Status) -> HTML {
        switch status {
        case .open: return "<p class=\"status status-open\">Open</p>"
        case .cancelled: return "<p class=\"status status-cancelled\">Cancelled</p>"
        case .ended(let winner?): return "<p class=\"status status-sold\">Sold to <span class=\"name\">\(winner)</span></p>"
        case .ended(nil): return "<p class=\"status status-unsold\">Ended without a sale</p>"
        }
    }

    private static func reserve(_ reserve: Reserve) -> HTML {
        switch reserve {
        case .none: "<p class=\"reserve\">No reserve</p>"
        case .met: "<p class=\"reserve reserve-met\">Reserve met: yes</p>"
        case .notMet: "<p class=\"reserve reserve-not-met\">Reserve met: no</p>"
        }
    }
}
