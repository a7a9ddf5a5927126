import AuctionDomain

/// The "sell" form: title, description, starting price and currency, an optional hidden reserve,
/// and how long the auction runs. Posted to `/sell` with the CSRF token and an idempotency key.
enum NewAuctionForm {
    struct Model: Equatable, Sendable {
        var csrfToken: String
        var requestKey: String
        /// Values typed before an error, shown again.
        var title = ""
        var description = ""
        var startingPrice = ""
        var currencyCode = "EUR"
        var reservePrice = ""
        var durationMinutes = "1440"
        var errorMessage: String? = nil
    }

    static let currencies = ["EUR", "USD", "GBP"]

    static func render(_ model: Model) -> HTML {
        """
        <section class="sell"><h1>Sell something</h1>\
        \(FormError.render(model.errorMessage))\
        <form method="post" action="/sell">\
        <input type="hidden" name="csrf" value="\(model.csrfToken)">\
        <input type="hidden" name="requestKey" value="\(model.requestKey)">\
        <label for="sell-title">Title</label> \
        <input id="sell-title" name="title" required maxlength="\(AuctionLimits.titleLength.upperBound)" value="\(model.title)">\
        <label for="sell-description">Description</label> \
        <textarea id="sell-description" name="description" maxlength="\(AuctionLimits.maximumDescriptionLength)">\(model.description)</textarea>\
        <label for="sell-starting-price">Starting price</label> \
        <input id="sell-starting-price" name="startingPrice" inputmode="decimal" required value="\(model.startingPrice)">\
        <label for="sell-currency">Currency</label> <select id="sell-currency" name="currency">\(currencyOptions(model.currencyCode))</select>\
        <label for="sell-reserve">Reserve price (optional, kept secret)</label> \
        <input id="sell-reserve" name="reservePrice" inputmode="decimal" value="\(model.reservePrice)">\
        <label for="sell-duration">Duration in minutes</label> \
        <input id="sell-duration" name="durationMinutes" type="number" min="1" max="43200" required value="\(model.durationMinutes)">\
        <button type="submit">List auction</button></form></section>
        """
    }

    private static func currencyOptions(_ selected: String) -> HTML {
        HTML.joined(currencies.map { code -> HTML in
            code == selected ? "<option value=\"\(code)\" selected>\(code)</option>" : "<option value=\"\(code)\">\(code)</option>"
        })
    }
}
