import AuctionDomain

/// The auction page's content: title, seller, description, the live price panel, what the
/// visitor can do (bid form, log-in prompt, or why not), and the live bid history.
enum AuctionDetail {
    /// What the visitor can do about bidding.
    enum BidArea: Equatable, Sendable {
        case form(BidForm.Model)
        case signIn
        /// The visitor is the seller.
        case ownAuction
        /// Bidding is over (closed or cancelled).
        case closed
    }

    struct Model: Equatable, Sendable {
        var auctionID: AuctionID
        var title: String
        var description: String
        var sellerID: UserID
        var sellerName: String
        var panel: PricePanel.Model
        var bidArea: BidArea
        var history: BidHistoryList.Model
        /// A confirmation after the visitor's own action, e.g. a placed bid.
        var notice: String? = nil
    }

    static func render(_ model: Model) -> HTML {
        """
        <article class="auction"><h1>\(model.title)</h1>\
        <p class="seller">Sold by <a href="\(URLPath.user(model.sellerID))">\(model.sellerName)</a></p>\
        \(Notice.render(model.notice))\
        \(PricePanel.render(model.panel))\
        <section class="bidding">\(bidArea(model))</section>\
        <section class="description"><h2>Description</h2><p>\(model.description)</p></section>\
        \(BidHistoryList.render(model.history))</article>
        """
    }

    private static func bidArea(_ model: Model) -> HTML {
        switch model.bidArea {
        case .form(let form): BidForm.render(form)
        case .signIn: BidForm.signInPrompt(returnTo: model.auctionID)
        case .ownAuction: "<p class=\"bid-note\">This is your auction.</p>"
        case .closed: "<p class=\"bid-note\">Bidding has ended.</p>"
        }
    }
}
