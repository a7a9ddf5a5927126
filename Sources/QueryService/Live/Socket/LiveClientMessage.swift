import AuctionDomain
import Foundation

/// A message from a client on `/live`, validated (see docs/live.md).
enum LiveClientMessage: Sendable, Equatable {
    /// Start receiving `topics`' changes after read-model position `after` (the page's position)
    /// of the node and read model named by `epoch` (the page's `data-live-epoch`).
    case subscribe(topics: [TopicName], after: Int64, epoch: String?)
    case unsubscribe(topics: [TopicName])
    case bid(LiveBid)
    case ping

    /// Parses and validates one text message; the error names what was wrong.
    static func parse(_ text: String) -> Result<LiveClientMessage, LiveProtocolError> {
        guard let raw = try? JSONDecoder().decode(Raw.self, from: Data(text.utf8)) else {
            return .failure(LiveProtocolError("invalid_message", "Expected a JSON object with a string \"type\" and fields of the right types."))
        }
        switch raw.type {
        case "subscribe":
            let after = raw.after ?? 0
            guard after >= 0 else { return .failure(LiveProtocolError("invalid_position", "\"after\" must be a position, 0 or more.")) }
            return topics(raw.topics).map { .subscribe(topics: $0, after: after, epoch: raw.epoch) }
        case "unsubscribe":
            return topics(raw.topics).map { .unsubscribe(topics: $0) }
        case "bid":
            return bid(raw).map(LiveClientMessage.bid)
        case "ping":
            return .success(.ping)
        default:
            return .failure(LiveProtocolError("unknown_type", "Unknown message type; use subscribe, unsubscribe, bid or ping."))
        }
    }

    private static func topics(_ names: [String]?) -> Result<[TopicName], LiveProtocolError> {
        guard let names, !names.isEmpty else {
            return .failure(LiveProtocolError("invalid_topic", "\"topics\" must be a non-empty list of topic names."))
        }
        var topics: [TopicName] = []
        for name in names {
            guard let topic = TopicName(name) else {
                return .failure(LiveProtocolError(
                    "invalid_topic", "Unknown topic name; use home, auction:<id> or auction:<id>:bids with an id of letters, digits, - and _."))
            }
            if !topics.contains(topic) { topics.append(topic) }
        }
        return .success(topics)
    }

    private static func bid(_ raw: Raw) -> Result<LiveBid, LiveProtocolError> {
        guard let requestID = raw.requestID, (1...100).contains(requestID.utf8.count) else {
            return .failure(LiveProtocolError("invalid_bid", "A bid needs a \"requestID\" of 1 to 100 characters."))
        }
        guard let auction = raw.auction, TopicName.isValidID(auction) else {
            return .failure(LiveProtocolError("invalid_bid", "A bid needs the \"auction\" id.", requestID: requestID))
        }
        let amount = raw.maximumMinorUnits ?? raw.maximum.flatMap(MoneyText.parseMinorUnits)
        guard let amount, amount > 0 else {
            return .failure(LiveProtocolError(
                "invalid_bid", "A bid needs a \"maximum\" such as \"12.50\" (or \"maximumMinorUnits\": 1250) greater than zero.",
                requestID: requestID))
        }
        return .success(LiveBid(requestID: requestID, auctionID: AuctionID(auction), maximumMinorUnits: amount))
    }

    private struct Raw: Decodable {
        let type: String
        let topics: [String]?
        let after: Int64?
        let epoch: String?
        let requestID: String?
        let auction: String?
        let maximum: String?
        let maximumMinorUnits: Int64?
    }
}

/// Why a client message was refused; sent as an error frame, the connection stays open.
struct LiveProtocolError: Error, Sendable, Equatable {
    let code: String
    let message: String
    var requestID: String?

    init(_ code: String, _ message: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    var serverMessage: LiveServerMessage { .error(code: code, message: message, requestID: requestID) }
}
