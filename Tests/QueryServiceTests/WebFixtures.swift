import AuctionDomain
import Foundation
import Testing
@testable import QueryService

/// Public events for the page and REST tests, written to Redis as the CommandService would.
enum WebFixtures {
    static let start: EpochMilliseconds = 1_700_000_000_000

    static func user(_ id: String, name: String) -> PublicEventEnvelope {
        EventEnvelope(
            aggregate: .user(UserID(id)), version: 1, commandID: CommandID("register-\(id)"), timestamp: start,
            event: .userRegistered(UserRegistered(userID: UserID(id), displayName: name)))
    }

    static func auction(
        _ id: String, seller: String = "seller-1", title: String = "Lamp", description: String = "A lamp", endsAt: EpochMilliseconds,
        createdAt: EpochMilliseconds = start, price: Int64 = 1_000
    ) throws -> PublicEventEnvelope {
        EventEnvelope(
            aggregate: .auction(AuctionID(id)), version: 1, commandID: CommandID("create-\(id)"), timestamp: createdAt,
            event: .auctionCreated(AuctionCreated(
                seller: UserID(seller), title: title, description: description, startingPrice: try Money(minorUnits: price, currency: .eur),
                hasReserve: false, startsAt: createdAt, endsAt: endsAt, softClose: .standard)))
    }

    /// A bid that moves the price: `bidAccepted` then `priceChanged`, versions `version` and `version + 1`.
    static func bid(_ id: String, bidder: String, number: Int, version: Int64, price: Int64, at time: EpochMilliseconds = start + 1_000)
        throws -> [PublicEventEnvelope]
    {
        let command = CommandID("bid-\(id)-\(number)")
        return [
            EventEnvelope(aggregate: .auction(AuctionID(id)), version: version, commandID: command, timestamp: time,
                          event: .bidAccepted(BidAccepted(bidder: UserID(bidder), bidNumber: number))),
            EventEnvelope(aggregate: .auction(AuctionID(id)), version: version + 1, commandID: command, timestamp: time,
                          event: .priceChanged(PriceChanged(price: try Money(minorUnits: price, currency: .eur), leader: UserID(bidder), reserveMet: true))),
        ]
    }

    static func cancelled(_ id: String, version: Int64, by seller: String = "seller-1") -> PublicEventEnvelope {
        EventEnvelope(aggregate: .auction(AuctionID(id)), version: version, commandID: CommandID("cancel-\(id)"), timestamp: start + 2_000,
                      event: .auctionCancelled(AuctionCancelled(cancelledBy: UserID(seller))))
    }

    /// A JSON body as a dictionary.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
