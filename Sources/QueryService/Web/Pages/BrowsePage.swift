import AuctionDomain
import Shared

/// `GET /auctions`: every open auction, ending soonest first, a page at a time (a static list;
/// the live list is the home page's). Pages use the REST API's keyset cursors, so following
/// "Next page" never repeats or skips an auction while new ones are listed.
struct BrowsePage: Sendable {
    let dependencies: WebDependencies
    static let pageSize = 20

    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        var after: OpenAuctionsCursor?
        if let token = request.query["cursor"] {
            guard case .open(let endsAt, let id)? = PageCursor(token: token) else { return await shell.error(.badRequest) }
            after = OpenAuctionsCursor(endsAt: endsAt, auctionID: id)
        }
        do {
            let position = try await dependencies.reader.position()
            let page = try await dependencies.reader.openAuctions(after: after, limit: Self.pageSize)
            let list = AuctionList.Model(id: "open-auctions", heading: "Open auctions", cards: try page.auctions.map(SellerPage.card))
            let next = page.next.map { "/auctions?cursor=\(PageCursor.open(endsAt: $0.endsAt, auctionID: $0.auctionID).token)" }
            let links = PaginationLinks.Model(next: next, first: after == nil ? nil : "/auctions")
            let content: HTML = "\(AuctionList.render(list))\(PaginationLinks.render(links))"
            return await shell.render(title: "Open auctions", content: content, position: position)
        } catch {
            return await shell.error(.unavailable)
        }
    }
}
