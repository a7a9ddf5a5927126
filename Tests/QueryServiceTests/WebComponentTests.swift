import AuctionDomain
import Testing
@testable import QueryService

/// The presentational components the pages added, rendered to exact strings.
@Suite struct WebComponentTests {
    static let bad = "<script>alert(\"x\")</script>&'"
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"

    @Test func paginationLinksRenderOnlyWhatExists() {
        #expect(PaginationLinks.render(.init(next: nil, first: nil)).rendered == "")
        #expect(PaginationLinks.render(.init(next: "/auctions?cursor=abc", first: nil)).rendered
            == "<nav class=\"pagination\"> <a href=\"/auctions?cursor=abc\" rel=\"next\">Next page</a></nav>")
        #expect(PaginationLinks.render(.init(next: nil, first: "/auctions")).rendered
            == "<nav class=\"pagination\"><a href=\"/auctions\" rel=\"first\">First page</a> </nav>")
    }

    @Test func noticesAndSellerHeadersEscapeTheirText() {
        #expect(Notice.render(nil).rendered == "")
        #expect(Notice.render(Self.bad).rendered == "<p class=\"notice\" role=\"status\">\(Self.escaped)</p>")
        #expect(SellerHeader.render(.init(displayName: Self.bad, registeredAt: 1_700_000_000_000)).rendered == """
            <header class="seller-header"><h1>\(Self.escaped)</h1><p>Member since \
            <time datetime="2023-11-14T22:13:20Z">14 Nov 2023, 22:13 UTC</time></p></header>
            """)
    }

    @Test func theSellFormKeepsTypedValuesEscapedAndSelectsTheCurrency() {
        var model = NewAuctionForm.Model(csrfToken: "t", requestKey: "k")
        model.title = Self.bad
        model.description = "</textarea><script>"
        model.currencyCode = "USD"
        let html = NewAuctionForm.render(model).rendered
        #expect(html.contains("value=\"\(Self.escaped)\""))
        #expect(html.contains(">&lt;/textarea&gt;&lt;script&gt;</textarea>"))
        #expect(html.contains("<option value=\"USD\" selected>USD</option>"))
        #expect(html.contains("<option value=\"EUR\">EUR</option>"))
        #expect(!html.contains("<script"))
    }

    @Test func theAuctionDetailShowsTheRightBidAreaAndEscapesEverything() throws {
        let panel = PricePanel.Model(
            auctionID: "a1", price: try Money(minorUnits: 1_000, currency: .eur), bidCount: 0, leaderName: nil, endsAt: 1_700_000_000_000,
            status: .open, reserve: .none)
        var model = AuctionDetail.Model(
            auctionID: "a1", title: Self.bad, description: Self.bad, sellerID: "s/1", sellerName: Self.bad, panel: panel, bidArea: .signIn,
            history: .init(auctionID: "a1", entries: []), notice: Self.bad)
        let html = AuctionDetail.render(model).rendered
        #expect(html.hasPrefix("<article class=\"auction\"><h1>\(Self.escaped)</h1><p class=\"seller\">Sold by <a href=\"/users/s%2F1\">\(Self.escaped)</a></p>"))
        #expect(html.contains(PricePanel.render(panel).rendered))
        #expect(html.contains(BidForm.signInPrompt(returnTo: "a1").rendered))
        #expect(!html.contains("<script"))
        model.bidArea = .ownAuction
        #expect(AuctionDetail.render(model).rendered.contains("<section class=\"bidding\"><p class=\"bid-note\">This is your auction.</p></section>"))
        model.bidArea = .closed
        #expect(AuctionDetail.render(model).rendered.contains("<p class=\"bid-note\">Bidding has ended.</p>"))
    }
}
