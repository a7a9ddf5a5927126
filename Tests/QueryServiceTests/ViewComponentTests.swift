import AuctionDomain
import Testing
@testable import QueryService

/// Presentational components render exact, deterministic, escaped HTML.
@Suite struct ViewComponentTests {
    static let payload = #""><script>alert(1)</script><img src=x onerror=alert('x')>"#

    func panel(leader: String? = "Bob", status: PricePanel.Status = .open) throws -> PricePanel.Model {
        PricePanel.Model(
            auctionID: "a1", price: try Money(minorUnits: 1250, currency: .eur), bidCount: 2, leaderName: leader,
            endsAt: 1_700_000_000_000, status: status, reserve: .met)
    }

    @Test func rendersThePricePanelExactly() throws {
        let html = PricePanel.render(try panel()).rendered
        #expect(html == """
            <section id="price-a1" class="price-panel" data-live-topic="auction:a1" aria-live="polite">\
            <p class="price"><span class="label">Current price</span> <strong>€12.50</strong></p>\
            <p class="leader">Leading: <span class="name">Bob</span></p>\
            <p class="bid-count">2 bids</p>\
            <p class="ends">Ends <time datetime="2023-11-14T22:13:20Z" data-countdown>14 Nov 2023, 22:13 UTC</time></p>\
            <p class="status status-open">Open</p>\
            <p class="reserve reserve-met">Reserve met: yes</p></section>
            """)
    }

    @Test func rendersTheSameHTMLForTheSameViewModel() throws {
        #expect(PricePanel.render(try panel()) == PricePanel.render(try panel()))
        let cards = [AuctionCard.Model(auctionID: "b", title: "Vase", price: try Money(minorUnits: 500, currency: .eur), bidCount: 1, endsAt: 0)]
        #expect(AuctionList.render(AuctionList.home(cards)) == AuctionList.render(AuctionList.home(cards)))
    }

    @Test func rendersAnAuctionCardAndTheEmptyList() throws {
        let card = AuctionCard.Model(auctionID: "b-2", title: "Vase", price: try Money(minorUnits: 500, currency: .eur), bidCount: 1, endsAt: 0)
        #expect(AuctionCard.render(card).rendered == """
            <li class="auction-card"><a href="/auctions/b-2">Vase</a> <span class="price">€5.00</span> \
            <span class="bid-count">1 bid</span> <time datetime="1970-01-01T00:00:00Z" data-countdown>1 Jan 1970, 00:00 UTC</time></li>
            """)
        #expect(AuctionList.render(AuctionList.home([])).rendered
            == #"<section id="home-auctions" class="auctions" data-live-topic="home"><h2>Ending soon</h2><p class="empty">No auctions right now.</p></section>"#)
    }

    /// Every text field of every component carries the payload; none may come out as markup.
    @Test func escapesAnXSSPayloadInEveryField() throws {
        let bad = Self.payload
        let price = try Money(minorUnits: 100, currency: .eur)
        let fragments: [HTML] = [
            PricePanel.render(try panel(leader: bad)),
            PricePanel.render(try panel(status: .ended(winnerName: bad))),
            AuctionList.render(AuctionList.Model(
                id: bad, heading: bad, cards: [AuctionCard.Model(auctionID: AuctionID(bad), title: bad, price: price, bidCount: 0, endsAt: 0, closedLabel: bad)],
                emptyMessage: bad)),
            AuctionList.render(AuctionList.Model(id: "x", heading: "h", cards: [], emptyMessage: bad)),
            BidHistoryList.render(BidHistoryList.Model(auctionID: "a1", entries: [
                BidHistoryList.Entry(bidNumber: 1, bidderName: bad, placedAt: 0, priceAfter: price),
            ])),
            BidForm.render(BidForm.Model(
                auctionID: AuctionID(bad), csrfToken: bad, requestKey: bad, currencyCode: bad, minimumBid: price, maximum: bad, errorMessage: bad)),
            BidForm.signInPrompt(returnTo: AuctionID(bad)),
            RegisterForm.render(RegisterForm.Model(csrfToken: bad, displayName: bad, errorMessage: bad)),
            LoginForm.render(LoginForm.Model(csrfToken: bad, username: bad, next: bad, errorMessage: bad)),
            ErrorPageBody.render(ErrorPageBody.Model(status: 404, title: bad, message: bad)),
            PageLayout.render(PageLayout.Model(title: bad, content: "<p>ok</p>", position: 1, epoch: bad, userName: bad, csrfToken: bad)),
        ]
        for fragment in fragments {
            let html = fragment.rendered
            #expect(!html.contains("<script>"), "\(html)")
            #expect(!html.contains("<img"), "\(html)")
            #expect(!html.contains(bad), "\(html)")
            #expect(!html.contains("'x'"), "\(html)")
            #expect(html.contains("&lt;script&gt;") || html.contains("%3Cscript%3E") || html.contains("%253Cscript%253E"), "\(html)")
        }
    }

    @Test func bidFormCarriesTheCSRFTokenTheRequestKeyAndAMaximumField() throws {
        let html = BidForm.render(BidForm.Model(
            auctionID: "a1", csrfToken: "tok", requestKey: "key-1", currencyCode: "EUR",
            minimumBid: try Money(minorUnits: 1300, currency: .eur))).rendered
        #expect(html.contains(#"<form class="bid-form" method="post" action="/auctions/a1/bids" data-live-bid="a1">"#))
        #expect(html.contains(#"<input type="hidden" name="csrf" value="tok">"#))
        #expect(html.contains(#"<input type="hidden" name="requestKey" value="key-1">"#))
        #expect(html.contains(#"name="maximum""#))
        #expect(html.contains("Enter €13.00 or more."))
    }

    @Test func bidHistoryListsNewestFirstWithPrices() throws {
        let html = BidHistoryList.render(BidHistoryList.Model(auctionID: "a1", entries: [
            .init(bidNumber: 2, bidderName: "Eve", placedAt: 0, priceAfter: try Money(minorUnits: 1200, currency: .eur)),
            .init(bidNumber: 1, bidderName: "Bob", placedAt: 0, priceAfter: nil),
        ])).rendered
        #expect(html.hasPrefix(#"<section id="bids-a1" class="bid-history" data-live-topic="auction:a1:bids"><h2>Bids</h2><ol class="bids" reversed><li value="2"><span class="name">Eve</span> <span class="price">€12.00</span>"#))
        #expect(html.contains(#"<li value="1"><span class="name">Bob</span> <time"#))
    }

    @Test func theLayoutLoadsOnlyTheExternalScriptAndEmbedsThePosition() {
        let html = PageLayout.render(PageLayout.Model(title: "Home", content: "<p>hi</p>", position: 42, epoch: "e1")).rendered
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains(#"<script src="/assets/live.js" defer></script>"#))
        #expect(html.contains(#"<body data-live-position="42" data-live-epoch="e1">"#))
        #expect(html.contains("<main><p>hi</p></main>"))
        #expect(PageLayout.contentSecurityPolicy.contains("script-src 'self';"))
        #expect(!PageLayout.contentSecurityPolicy.contains("unsafe"))
    }

    @Test func theBrowserScriptUsesNoEvalAndConnectsToLive() {
        let script = LiveScript.source
        #expect(!script.contains("eval("))
        #expect(!script.contains("new Function"))
        #expect(!script.contains("document.write"))
        #expect(script.contains(#""/live""#))
        #expect(script.utf8.count < 8_000)
    }
}
