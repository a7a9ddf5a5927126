import AuctionDomain
import Shared

/// A seller's page: their profile and their auctions, newest first (a static list: the cards of
/// finished auctions say how they ended instead of counting down).
struct SellerPage: Sendable {
    let dependencies: WebDependencies

    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard let id = request.pathParameters["id"] else { return await shell.error(.notFound) }
        do {
            let position = try await dependencies.reader.position()
            guard let profile = try await dependencies.reader.user(id) else { return await shell.error(.notFound) }
            let auctions = try await dependencies.reader.auctions(ofSeller: id, limit: 100)
            let list = AuctionList.Model(
                id: "seller-auctions", heading: "Auctions", cards: try auctions.map(Self.card),
                emptyMessage: "\(profile.displayName) has not listed anything yet.")
            let content: HTML = "\(SellerHeader.render(.init(displayName: profile.displayName, registeredAt: profile.registeredAt)))\(AuctionList.render(list))"
            return await shell.render(title: profile.displayName, content: content, position: position)
        } catch {
            return await shell.error(.unavailable)
        }
    }

    static func card(_ record: AuctionRecord) throws -> AuctionCard.Model {
        let label: String? = switch record.status {
        case .open: nil
        case .cancelled: "Cancelled"
        case .closed: record.winnerID == nil ? "Ended unsold" : "Sold"
        }
        return AuctionCard.Model(
            auctionID: AuctionID(record.auctionID), title: record.title,
            price: try Money(minorUnits: record.finalPriceMinor ?? record.currentPriceMinor, currency: Currency(code: record.currency)),
            bidCount: record.bidCount, endsAt: record.endsAt, closedLabel: label)
    }
}
