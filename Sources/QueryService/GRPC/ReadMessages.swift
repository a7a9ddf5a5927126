import AuctionProto

/// The unary reads' protobuf messages, built from the REST resources so that both APIs carry
/// the same data (``APIResources`` is the one mapping from read-model records).
enum ReadMessages {
    static func money(_ money: APIResources.MoneyJSON) -> Liveauction_V1_Money {
        var value = Liveauction_V1_Money()
        value.currency = money.currency
        value.minorUnits = money.minorUnits
        return value
    }

    static func user(_ reference: APIResources.UserRef) -> Liveauction_V1_UserRef {
        var user = Liveauction_V1_UserRef()
        user.userID = reference.userID
        if let name = reference.displayName { user.displayName = name }
        return user
    }

    static func auction(_ resource: APIResources.Auction) -> Liveauction_V1_Auction {
        var auction = Liveauction_V1_Auction()
        auction.auctionID = resource.auctionID
        auction.seller = user(resource.seller)
        auction.title = resource.title
        auction.description_p = resource.description
        auction.status = resource.status
        auction.startingPrice = money(resource.startingPrice)
        auction.currentPrice = money(resource.currentPrice)
        if let leader = resource.leader { auction.leader = user(leader) }
        auction.hasReserve_p = resource.hasReserve
        auction.reserveMet = resource.reserveMet
        auction.bidCount = Int32(clamping: resource.bidCount)
        auction.startsAt = resource.startsAt
        auction.endsAt = resource.endsAt
        auction.extensionCount = Int32(clamping: resource.extensionCount)
        auction.createdAt = resource.createdAt
        if let finished = resource.finishedAt { auction.finishedAt = finished }
        if let winner = resource.winner { auction.winner = user(winner) }
        if let price = resource.finalPrice { auction.finalPrice = money(price) }
        auction.version = resource.version
        return auction
    }

    static func auctionPage(_ page: APIResources.AuctionPage) -> Liveauction_V1_AuctionPage {
        var message = Liveauction_V1_AuctionPage()
        message.auctions = page.auctions.map(auction)
        message.nextCursor = page.nextCursor ?? ""
        return message
    }

    static func bidPage(_ page: APIResources.BidPage) -> Liveauction_V1_BidPage {
        var message = Liveauction_V1_BidPage()
        message.auctionID = page.auctionID
        message.bids = page.bids.map { resource in
            var bid = Liveauction_V1_Bid()
            bid.bidNumber = Int32(clamping: resource.bidNumber)
            bid.bidder = user(resource.bidder)
            bid.placedAt = resource.placedAt
            if let price = resource.priceAfter { bid.priceAfter = money(price) }
            if let leader = resource.leaderAfter { bid.leaderAfter = leader }
            return bid
        }
        message.nextCursor = page.nextCursor ?? ""
        return message
    }

    static func user(_ resource: APIResources.User) -> Liveauction_V1_User {
        var user = Liveauction_V1_User()
        user.userID = resource.userID
        user.displayName = resource.displayName
        user.registeredAt = resource.registeredAt
        return user
    }
}
