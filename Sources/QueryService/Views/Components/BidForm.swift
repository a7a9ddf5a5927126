import AuctionDomain

/// The bid form. Works without JavaScript (a POST, then a redirect); the browser script sends it
/// over the WebSocket instead when connected. Carries the CSRF token and a per-render request
/// key, so a resubmitted form is the same idempotent command.
enum BidForm {
    struct Model: Equatable, Sendable {
        var auctionID: AuctionID
        var csrfToken: String
        /// Idempotency key of the bid this form will place.
        var requestKey: String
        var currencyCode: String
        /// The least maximum that can win the lead now, as a hint.
        var minimumBid: Money?
        /// What the user typed, shown again after an error.
        var maximum = ""
        var errorMessage: String? = nil
    }

    /// The form for a signed-in bidder.
    static func render(_ model: Model) -> HTML {
        let inputID = "maximum-\(model.auctionID.rawValue)"
        let hint: HTML = model.minimumBid.map { "<p class=\"hint\">Enter \(MoneyText.format($0)) or more.</p>" } ?? .empty
        let result: HTML = model.errorMessage.map { "<p class=\"bid-result error\" role=\"status\">\($0)</p>" }
            ?? "<p class=\"bid-result\" role=\"status\"></p>"
        return """
            <form class="bid-form" method="post" action="\(URLPath.bids(model.auctionID))" data-live-bid="\(model.auctionID.rawValue)">\
            <input type="hidden" name="csrf" value="\(model.csrfToken)">\
            <input type="hidden" name="requestKey" value="\(model.requestKey)">\
            <label for="\(inputID)">Your maximum bid (\(model.currencyCode))</label> \
            <input id="\(inputID)" name="maximum" inputmode="decimal" autocomplete="off" required value="\(model.maximum)">\
            \(hint)<button type="submit">Place bid</button>\(result)</form>
            """
    }

    /// What a visitor who is not signed in sees instead of the form.
    static func signInPrompt(returnTo auctionID: AuctionID) -> HTML {
        "<p class=\"bid-sign-in\"><a href=\"/login?next=\(URLPath.segment(URLPath.auction(auctionID)))\">Log in</a> to bid.</p>"
    }
}
