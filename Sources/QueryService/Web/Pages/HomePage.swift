import AuctionDomain
import Shared

/// The home page's smart component: the open auctions ending soonest, live on topic `home`.
///
/// The list is the `home` topic's own view (``HomeListState/cards(limit:)`` rendered by
/// ``AuctionList``), built from the same read-model rows the topic's seed reads, so the page and
/// its live updates are one template.
struct HomePage: Sendable {
    let dependencies: WebDependencies
    /// As many cards as the hub's `home` topic shows.
    let limit: Int

    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        do {
            let position = try await dependencies.reader.position()
            let cards = try await openAuctions()
            let intro: HTML = shell.visitor.userID == nil ? .empty : "<p class=\"sell-link\"><a href=\"/sell\">Sell something</a></p>"
            let content: HTML = "\(intro)\(AuctionList.render(AuctionList.home(cards)))<p class=\"browse\"><a href=\"/auctions\">All open auctions</a></p>"
            return await shell.render(title: "Ending soon", content: content, position: position)
        } catch {
            return await shell.error(.unavailable)
        }
    }

    /// The first `limit` open auctions by end time, as the `home` topic orders and shows them.
    private func openAuctions() async throws -> [AuctionCard.Model] {
        let page = try await dependencies.reader.openAuctions(limit: limit)
        var state = HomeListState()
        for record in page.auctions {
            state.open[AuctionID(record.auctionID)] = HomeListState.Auction(
                title: record.title, price: try Money(minorUnits: record.currentPriceMinor, currency: Currency(code: record.currency)),
                bidCount: record.bidCount, endsAt: record.endsAt, version: record.version)
        }
        return state.cards(limit: limit)
    }
}
