import AuctionDomain
import Foundation
import Shared

/// Places bids for pages, by form post or WebSocket, through the CommandService, and answers
/// only once this node's read model shows them (``ReadYourWritesGate``).
///
/// The amount's currency is the auction's, from this node's read model; the session is the
/// user's token from the `auction_session` cookie (of the WebSocket's upgrade request for live
/// bids). The idempotency key is the form's `requestKey` or the WebSocket `requestID`, so a
/// retried post or message is the same command.
struct RelayedBidPlacer: LiveBidRelay {
    let commands: CommandClient
    let gate: ReadYourWritesGate
    let signer: SessionTokenSigner

    /// A relayed bid's result, before it is worded for a page or a WebSocket.
    enum Placement: Sendable {
        /// Accepted, and visible in this node's read model at `position` (nil: not seen in time).
        case placed(maximum: Money, outcome: CommandClient.AuctionChanged.BidOutcome?, position: Int64?)
        case refused(CommandRefusal)
    }

    /// Relays the bid and waits for it to be visible here.
    func place(on auctionID: String, minorUnits: Int64, token: String?, idempotencyKey: String) async -> LiveBidResult {
        switch await relay(on: auctionID, minorUnits: minorUnits, token: token, idempotencyKey: idempotencyKey) {
        case .refused(let refusal):
            LiveBidResult(requestID: idempotencyKey, ok: false, status: refusal.status, message: refusal.message, code: refusal.code)
        case .placed(let maximum, let outcome, let position):
            LiveBidResult(requestID: idempotencyKey, ok: true, status: 201, message: Self.confirmation(maximum, outcome), position: position)
        }
    }

    /// Relays the bid in the auction's currency and, once accepted, waits until this node shows it.
    func relay(on auctionID: String, minorUnits: Int64, token: String?, idempotencyKey: String) async -> Placement {
        guard let token else {
            return .refused(CommandRefusal(status: 401, code: "unauthenticated", message: "Log in to bid."))
        }
        let record: AuctionRecord?
        do {
            record = try await gate.reader.auction(auctionID)
        } catch {
            var refusal = CommandRefusal(status: 503, code: "unavailable", message: "Auctions cannot be read right now; please retry.")
            refusal.retryAfter = "1"
            return .refused(refusal)
        }
        guard let record else {
            return .refused(CommandRefusal(status: 404, code: "not_found", message: "There is no such auction."))
        }
        guard let currency = try? Currency(code: record.currency), let maximum = try? Money(minorUnits: minorUnits, currency: currency) else {
            return .refused(CommandRefusal(status: 400, code: "invalid_bid", message: "Enter an amount from 0.01 to 1,000,000,000.00."))
        }
        switch await commands.placeBid(on: auctionID, maximum: maximum, token: token, idempotencyKey: idempotencyKey) {
        case .refused(let refusal):
            return .refused(refusal)
        case .accepted(let changed):
            let position = await gate.auction(auctionID, atLeast: changed.version ?? record.version + 1)
            return .placed(maximum: maximum, outcome: changed.bid, position: position)
        }
    }

    /// What the bidder is told: placed, and whether they lead or someone's hidden maximum is higher.
    static func confirmation(_ maximum: Money, _ outcome: CommandClient.AuctionChanged.BidOutcome?) -> String {
        let placed = "Your maximum bid of \(MoneyText.format(maximum)) is placed."
        guard let outcome else { return placed }
        return outcome.leading
            ? "\(placed) You are the highest bidder at \(MoneyText.format(outcome.price))."
            : "\(placed) Another bidder's maximum is higher; the price is now \(MoneyText.format(outcome.price))."
    }

    func placeBid(_ bid: LiveBid, upgrade: HTTPRequest) async -> LiveBidResult {
        let token = Cookies.parse(upgrade)[Visitor.sessionCookie].flatMap { token in
            (try? signer.verify(token, now: Int64(Date().timeIntervalSince1970))) != nil ? token : nil
        }
        return await place(on: bid.auctionID.rawValue, minorUnits: bid.maximumMinorUnits, token: token, idempotencyKey: bid.requestID)
    }
}
