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

    /// The page's own parts: everything but its two live regions.
    struct Page: Equatable, Sendable {
        var auctionID: AuctionID
        var title: String
        var description: String
        var sellerID: UserID
        var sellerName: String
        var bidArea: BidArea
        var notice: String? = nil
    }

    static func render(_ model: Model) -> HTML {
        let page = Page(
            auctionID: model.auctionID, title: model.title, description: model.description, sellerID: model.sellerID,
            sellerName: model.sellerName, bidArea: model.bidArea, notice: model.notice)
        return render(page, panel: PricePanel.render(model.panel), history: BidHistoryList.render(model.history))
    }

    /// The page around its live regions as already rendered (``PricePanel`` and
    /// ``BidHistoryList`` output, which the live hub renders once per change).
    static func render(_ page: Page, panel: HTML, history: HTML) -> HTML {
        """
        <article class="auction"><h1>\(page.title)</h1>\
        <p class="seller">Sold by <a href="\(URLPath.user(page.sellerID))">\(page.sellerName)</a></p>\
        \(Notice.render(page.notice))\
        \(panel)\
        <section class="bidding">\(bidArea(page))</section>\
        <section class="description"><h2>Description</h2><p>\(page.description)</p></section>\
        \(history)</article>
        """
    }

    private static func bidArea(_ page: Page) -> HTML {
        switch page.bidArea {
        case .form(let form): BidForm.render(form)
        case .signIn: BidForm.signInPrompt(returnTo: page.auctionID)
        case .ownAuction: "<p class=\"bid-note\">This is your auction.</p>"
        case .closed: "<p class=\"bid-note\">Bidding has ended.</p>"
        }
    }
}
