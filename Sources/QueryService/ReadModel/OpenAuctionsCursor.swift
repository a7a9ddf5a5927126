/// Where a page of open auctions (ordered by end time, then id) stopped: the next page starts
/// strictly after it. Keyset pagination, so pages stay stable and cheap however deep they go.
///
/// As a URL token it is `<endsAt>.<auctionID>`; anything else is rejected by `init?(token:)`, so
/// a handler can answer a bad cursor with a 400.
struct OpenAuctionsCursor: Sendable, Hashable {
    let endsAt: Int64
    let auctionID: String

    init(endsAt: Int64, auctionID: String) {
        self.endsAt = endsAt
        self.auctionID = auctionID
    }

    init?(token: String) {
        guard let dot = token.firstIndex(of: "."), let endsAt = Int64(token[..<dot]) else { return nil }
        let id = String(token[token.index(after: dot)...])
        guard !id.isEmpty else { return nil }
        self.init(endsAt: endsAt, auctionID: id)
    }

    var token: String { "\(endsAt).\(auctionID)" }
}
