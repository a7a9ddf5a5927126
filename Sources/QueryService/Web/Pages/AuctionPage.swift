import AuctionDomain
import Shared

/// The auction page's smart component: reads the auction, its price panel state and its bids
/// from this node's read model, names its live topics (`auction:<id>`, `auction:<id>:bids`, via
/// the fragments' `data-live-topic`), and renders with the same components the topics use.
///
/// The panel and the list are built exactly as the topics' seeds build them (the same state
/// types and view functions), so the first page and every later update agree.
struct AuctionPage: Sendable {
    let dependencies: WebDependencies

    /// `GET /auctions/{id}`.
    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard let id = request.pathParameters["id"], TopicName.isValidID(id) else { return await shell.error(.notFound) }
        do {
            // The position first: the data read after it is at least as new.
            let position = try await dependencies.reader.position()
            guard let model = try await load(AuctionID(id), shell: shell) else { return await shell.error(.notFound) }
            return await shell.render(title: model.title, content: AuctionDetail.render(model), position: position)
        } catch {
            return await shell.error(.unavailable)
        }
    }

    func load(_ id: AuctionID, shell: PageShell) async throws -> AuctionDetail.Model? {
        let reader = dependencies.reader
        guard let record = try await reader.auction(id.rawValue) else { return nil }
        var names = NameDirectory()
        if let leader = record.leaderID, let name = record.leaderName { names.record(UserID(leader), displayName: name) }
        if let winner = record.winnerID, let profile = try await reader.user(winner) {
            names.record(UserID(winner), displayName: profile.displayName)
        }
        guard let panel = AuctionPanelState.known(try AuctionPanelState.Snapshot(record: record)).panel(id, names: names) else { return nil }
        let history = try await bidHistory(id, names: &names)
        let flash = shell.flash
        return AuctionDetail.Model(
            auctionID: id, title: record.title, description: record.description, sellerID: UserID(record.sellerID),
            sellerName: record.sellerName ?? record.sellerID, panel: panel, bidArea: bidArea(record, panel: panel, shell: shell, flash: flash),
            history: history.list(id, names: names), notice: flash?.kind == .notice ? flash?.message : nil)
    }

    /// The newest bids, as the `auction:<id>:bids` seed reads them.
    private func bidHistory(_ id: AuctionID, names: inout NameDirectory) async throws -> BidHistoryState {
        let records = try await dependencies.reader.bids(of: id.rawValue, limit: 5_000).suffix(BidHistoryState.limit).reversed()
        var bids: [BidHistoryState.Bid] = []
        for record in records {
            if let name = record.bidderName { names.record(UserID(record.bidderID), displayName: name) }
            let price = try record.priceAfterMinor.map { try Money(minorUnits: $0, currency: Currency(code: record.currency)) }
            bids.append(BidHistoryState.Bid(
                bidNumber: record.bidNumber, bidder: UserID(record.bidderID), placedAt: record.placedAt, priceAfter: price, commandID: nil))
        }
        return BidHistoryState(bids: bids)
    }

    private func bidArea(_ record: AuctionRecord, panel: PricePanel.Model, shell: PageShell, flash: Flash?) -> AuctionDetail.BidArea {
        guard record.status == .open else { return .closed }
        guard let user = shell.visitor.userID else { return .signIn }
        guard user != record.sellerID else { return .ownAuction }
        let isLeader = record.leaderID == user
        let minimum: Money? = isLeader ? nil
            : panel.bidCount == 0 ? panel.price : try? panel.price.adding(BidIncrementTable.standard.increment(at: panel.price))
        return .form(BidForm.Model(
            auctionID: AuctionID(record.auctionID), csrfToken: shell.visitor.csrfToken, requestKey: Visitor.randomID(),
            currencyCode: record.currency, minimumBid: minimum, maximum: flash?.values["maximum"] ?? "",
            errorMessage: flash?.kind == .error ? flash?.message : nil))
    }
}
