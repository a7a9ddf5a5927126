import AuctionDomain
import AuctionProto
import Foundation
import SwiftProtobuf

/// Builds the feed's protobuf messages from the hub's messages and view models: the typed
/// counterpart of the JSON `/live` frames (docs/grpc.md).
enum FeedMessages {
    typealias Message = Liveauction_V1_FeedMessage

    /// The feed message for one hub message; nil for the ones a feed never carries (bid results
    /// and pongs belong to `/live`'s own requests).
    static func message(_ outbound: LiveOutbound) -> Message? {
        var feed = Message()
        switch outbound.message {
        case .update(let topic, let position, _):
            guard let data = outbound.data else { return nil }
            var update = Liveauction_V1_TopicUpdate()
            update.topic = topic.description
            update.position = position
            switch data {
            case .auction(let panel): update.auction = price(panel)
            case .bids(let list): update.bids = bids(list)
            case .home(let list): update.home = cards(list)
            }
            feed.update = update
        case .error(let code, let text, _, let topic):
            var error = Liveauction_V1_FeedError()
            error.code = code
            error.message = text
            error.topic = topic?.description ?? ""
            feed.error = error
        case .resync(let epoch, _):
            var reset = Liveauction_V1_Reset()
            reset.epoch = epoch
            feed.reset = reset
        case .result, .pong:
            return nil
        }
        return feed
    }

    /// The protobuf bytes of a hub message, for ``LiveOutbound/encoded(by:)``; empty for the
    /// ones a feed never carries.
    static func encode(_ outbound: LiveOutbound) -> [UInt8] {
        guard let feed = message(outbound) else { return [] }
        return serialize(feed)
    }

    static func subscribed(_ topics: [TopicName], epoch: String) -> [UInt8] {
        encoded { feed in
            feed.subscribed.topics = topics.map(\.description)
            feed.subscribed.epoch = epoch
        }
    }

    static func ping(at milliseconds: Int64) -> [UInt8] { encoded { $0.ping.sentAt = milliseconds } }

    static func goingAway(_ reason: String) -> [UInt8] { encoded { $0.goingAway.reason = reason } }

    /// A stream's own message (not shared through the hub), built and serialized.
    private static func encoded(_ build: (inout Message) -> Void) -> [UInt8] {
        var feed = Message()
        build(&feed)
        return serialize(feed)
    }

    /// Serializing a message built from plain fields cannot fail (no required fields, no `Any`).
    static func serialize(_ message: some SwiftProtobuf.Message) -> [UInt8] {
        (try? message.serializedBytes()) ?? []
    }

    static func money(_ money: Money) -> Liveauction_V1_Money {
        var value = Liveauction_V1_Money()
        value.currency = money.currency.code
        value.minorUnits = money.minorUnits
        return value
    }

    static func price(_ panel: PricePanel.Model) -> Liveauction_V1_PriceState {
        var state = Liveauction_V1_PriceState()
        state.auctionID = panel.auctionID.rawValue
        state.price = money(panel.price)
        state.bidCount = Int32(clamping: panel.bidCount)
        if let leader = panel.leaderName { state.leaderName = leader }
        state.endsAt = panel.endsAt
        switch panel.status {
        case .open: state.status = .open
        case .ended(let winner):
            state.status = .ended
            if let winner { state.winnerName = winner }
        case .cancelled: state.status = .cancelled
        }
        state.reserve = switch panel.reserve {
        case .none: .none
        case .met: .met
        case .notMet: .notMet
        }
        return state
    }

    static func bids(_ list: BidHistoryList.Model) -> Liveauction_V1_BidList {
        var bids = Liveauction_V1_BidList()
        bids.auctionID = list.auctionID.rawValue
        bids.entries = list.entries.map { entry in
            var bid = Liveauction_V1_BidEntry()
            bid.bidNumber = Int32(clamping: entry.bidNumber)
            bid.bidderName = entry.bidderName
            bid.placedAt = entry.placedAt
            if let price = entry.priceAfter { bid.priceAfter = money(price) }
            return bid
        }
        return bids
    }

    static func cards(_ list: AuctionList.Model) -> Liveauction_V1_AuctionCards {
        var cards = Liveauction_V1_AuctionCards()
        cards.cards = list.cards.map { model in
            var card = Liveauction_V1_AuctionCard()
            card.auctionID = model.auctionID.rawValue
            card.title = model.title
            card.price = money(model.price)
            card.bidCount = Int32(clamping: model.bidCount)
            card.endsAt = model.endsAt
            return card
        }
        return cards
    }
}
