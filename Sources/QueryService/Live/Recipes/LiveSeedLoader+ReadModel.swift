import AuctionDomain

/// Seeds from this node's read model. Each seed reads the position FIRST and the data after it,
/// so the data is at least as new as the position; the states' version checks absorb the events
/// the data already reflects when they arrive again.
extension LiveSeedLoader {
    init(reader: ReadModelReader) {
        self.init(
            auction: { id in
                let position = try await reader.position()
                guard let record = try await reader.auction(id.rawValue) else { return TopicSeed(position: position, state: .unknown) }
                var names: [UserID: String] = [:]
                if let leader = record.leaderID, let name = record.leaderName { names[UserID(leader)] = name }
                if let winner = record.winnerID, names[UserID(winner)] == nil, let profile = try await reader.user(winner) {
                    names[UserID(winner)] = profile.displayName
                }
                return TopicSeed(position: position, state: .known(try AuctionPanelState.Snapshot(record: record)), names: names)
            },
            bids: { id in
                let position = try await reader.position()
                // The reader lists oldest first; the topic keeps the newest.
                let records = try await reader.bids(of: id.rawValue, limit: 5_000).suffix(BidHistoryState.limit).reversed()
                var names: [UserID: String] = [:]
                var bids: [BidHistoryState.Bid] = []
                for record in records {
                    if let name = record.bidderName { names[UserID(record.bidderID)] = name }
                    let price = try record.priceAfterMinor.map { try Money(minorUnits: $0, currency: Currency(code: record.currency)) }
                    bids.append(BidHistoryState.Bid(
                        bidNumber: record.bidNumber, bidder: UserID(record.bidderID), placedAt: record.placedAt, priceAfter: price, commandID: nil))
                }
                return TopicSeed(position: position, state: BidHistoryState(bids: bids), names: names)
            },
            home: {
                let position = try await reader.position()
                var open: [AuctionID: HomeListState.Auction] = [:]
                var cursor: OpenAuctionsCursor?
                repeat {
                    let page = try await reader.openAuctions(after: cursor, limit: 200)
                    for record in page.auctions {
                        open[AuctionID(record.auctionID)] = HomeListState.Auction(
                            title: record.title, price: try Money(minorUnits: record.currentPriceMinor, currency: Currency(code: record.currency)),
                            bidCount: record.bidCount, endsAt: record.endsAt, version: record.version)
                    }
                    cursor = page.next
                } while cursor != nil
                return TopicSeed(position: position, state: HomeListState(open: open))
            })
    }
}

extension AuctionPanelState.Snapshot {
    /// The panel's state from a read-model row.
    init(record: AuctionRecord) throws {
        let currency = try Currency(code: record.currency)
        let phase: AuctionPanelState.Phase = switch record.status {
        case .open: .open
        case .closed: .closed(winner: record.winnerID.map { UserID($0) })
        case .cancelled: .cancelled
        }
        self.init(
            seller: UserID(record.sellerID), title: record.title, description: record.description,
            price: try Money(minorUnits: record.finalPriceMinor ?? record.currentPriceMinor, currency: currency), bidCount: record.bidCount,
            leader: record.leaderID.map { UserID($0) }, endsAt: record.endsAt, phase: phase, hasReserve: record.hasReserve,
            reserveMet: record.reserveMet, version: record.version)
    }
}
