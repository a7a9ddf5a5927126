/// The JSON bodies of the REST API (described by ``OpenAPIDocument``). Amounts are integer
/// minor units with their currency; times are epoch milliseconds; absent values are omitted.
enum APIResources {
    struct MoneyJSON: Codable, Sendable, Equatable {
        let currency: String
        let minorUnits: Int64
    }

    /// A user as other resources mention them.
    struct UserRef: Codable, Sendable, Equatable {
        let userID: String
        let displayName: String?
    }

    struct Auction: Codable, Sendable, Equatable {
        let auctionID: String
        let seller: UserRef
        let title: String
        let description: String
        let status: String
        let startingPrice: MoneyJSON
        /// The visible price: the starting price until the first bid.
        let currentPrice: MoneyJSON
        let leader: UserRef?
        let hasReserve: Bool
        let reserveMet: Bool
        let bidCount: Int
        let startsAt: Int64
        let endsAt: Int64
        let extensionCount: Int
        let createdAt: Int64
        let finishedAt: Int64?
        let winner: UserRef?
        let finalPrice: MoneyJSON?
        let version: Int64

        init(_ record: AuctionRecord) {
            auctionID = record.auctionID
            seller = UserRef(userID: record.sellerID, displayName: record.sellerName)
            title = record.title
            description = record.description
            status = record.status.rawValue
            startingPrice = MoneyJSON(currency: record.currency, minorUnits: record.startingPriceMinor)
            currentPrice = MoneyJSON(currency: record.currency, minorUnits: record.currentPriceMinor)
            leader = record.leaderID.map { UserRef(userID: $0, displayName: record.leaderName) }
            hasReserve = record.hasReserve
            reserveMet = record.reserveMet
            bidCount = record.bidCount
            startsAt = record.startsAt
            endsAt = record.endsAt
            extensionCount = record.extensionCount
            createdAt = record.createdAt
            finishedAt = record.finishedAt
            winner = record.winnerID.map { UserRef(userID: $0, displayName: nil) }
            finalPrice = record.finalPriceMinor.map { MoneyJSON(currency: record.currency, minorUnits: $0) }
            version = record.version
        }
    }

    struct Bid: Codable, Sendable, Equatable {
        let bidNumber: Int
        let bidder: UserRef
        let placedAt: Int64
        /// The visible price right after the bid, when the bid moved it.
        let priceAfter: MoneyJSON?
        let leaderAfter: String?

        init(_ record: BidRecord) {
            bidNumber = record.bidNumber
            bidder = UserRef(userID: record.bidderID, displayName: record.bidderName)
            placedAt = record.placedAt
            priceAfter = record.priceAfterMinor.map { MoneyJSON(currency: record.currency, minorUnits: $0) }
            leaderAfter = record.leaderAfterID
        }
    }

    struct User: Codable, Sendable, Equatable {
        let userID: String
        let displayName: String
        let registeredAt: Int64

        init(_ profile: UserProfile) {
            userID = profile.userID
            displayName = profile.displayName
            registeredAt = profile.registeredAt
        }
    }

    struct AuctionPage: Codable, Sendable, Equatable {
        let auctions: [Auction]
        /// Pass as `cursor` for the next page; absent on the last page.
        let nextCursor: String?
    }

    struct BidPage: Codable, Sendable, Equatable {
        let auctionID: String
        let bids: [Bid]
        let nextCursor: String?
    }
}
