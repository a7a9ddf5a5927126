import AuctionDomain
import Shared

/// The auction page's smart component: reads the auction's two live topics (`auction:<id>`,
/// `auction:<id>:bids`) from the node's live hub, which seeds them from the read model once and
/// keeps them current, and wraps their fragments, as the hub rendered them for the live updates,
/// in the per-visitor parts: the bid form (or why not), the flash, the navigation.
///
/// The fragments are the very ones the live subscription replaces, and the page embeds the
/// position they reflect, so the handoff to the subscription is gap-free. A warm page costs no
/// database query; nothing per visitor is cached.
struct AuctionPage: Sendable {
    let dependencies: WebDependencies

    /// `GET /auctions/{id}`.
    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard let raw = request.pathParameters["id"], TopicName.isValidID(raw) else { return await shell.error(.notFound) }
        let id = AuctionID(raw)
        let topics: [TopicName] = [.auction(id), .auctionBids(id)]
        guard let read = await dependencies.hub.read(topics, atLeast: await shell.ownWritePosition()), read.topics.count == 2 else {
            return await shell.error(.unavailable)
        }
        guard case .known(let auction)? = read.topics[0].state as? AuctionPanelState,
              let panel = read.topics[0].html, let history = read.topics[1].html
        else {
            // Not cached: the hub keeps no unsubscribed topic of an auction it does not know.
            await dependencies.hub.forget(topics)
            return await shell.error(.notFound)
        }
        let flash = shell.flash
        let sellerName = await dependencies.names.displayName(of: auction.seller.rawValue) ?? auction.seller.rawValue
        let page = AuctionDetail.Page(
            auctionID: id, title: auction.title, description: auction.description, sellerID: auction.seller, sellerName: sellerName,
            bidArea: bidArea(auction, id: id, shell: shell, flash: flash), notice: flash?.kind == .notice ? flash?.message : nil)
        return await shell.render(
            title: auction.title, content: AuctionDetail.render(page, panel: panel, history: history), position: read.position,
            epoch: read.epoch)
    }

    /// What this visitor can do: bid (with the least winning maximum as a hint, none for the
    /// leader), log in, nothing on their own auction, nothing once bidding has ended.
    private func bidArea(_ auction: AuctionPanelState.Snapshot, id: AuctionID, shell: PageShell, flash: Flash?) -> AuctionDetail.BidArea {
        guard auction.phase == .open else { return .closed }
        guard let user = shell.visitor.userID.map(UserID.init) else { return .signIn }
        guard user != auction.seller else { return .ownAuction }
        let minimum: Money? = auction.leader == user ? nil
            : auction.bidCount == 0 ? auction.price : try? auction.price.adding(BidIncrementTable.standard.increment(at: auction.price))
        return .form(BidForm.Model(
            auctionID: id, csrfToken: shell.visitor.csrfToken, requestKey: Visitor.randomID(), currencyCode: auction.price.currency.code,
            minimumBid: minimum, maximum: flash?.values["maximum"] ?? "", errorMessage: flash?.kind == .error ? flash?.message : nil))
    }
}
