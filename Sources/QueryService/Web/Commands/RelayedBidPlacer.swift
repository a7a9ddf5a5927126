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

    /// Relays the bid and waits for it to be visible here.
    func place(on auctionID: String, minorUnits: Int64, token: String?, idempotencyKey: String) async -> LiveBidResult {
        guard let token else {
            return LiveBidResult(requestID: idempotencyKey, ok: false, status: 401, message: "Log in to bid.", code: "unauthenticated")
        }
        let record: AuctionRecord?
        do {
            record = try await gate.reader.auction(auctionID)
        } catch {
            return LiveBidResult(
                requestID: idempotencyKey, ok: false, status: 503, message: "Auctions cannot be read right now; please retry.",
                code: "unavailable")
        }
        guard let record else {
            return LiveBidResult(requestID: idempotencyKey, ok: false, status: 404, message: "There is no such auction.", code: "not_found")
        }
        guard let currency = try? Currency(code: record.currency), let maximum = try? Money(minorUnits: minorUnits, currency: currency) else {
            return LiveBidResult(
                requestID: idempotencyKey, ok: false, status: 400, message: "Enter an amount from 0.01 to 1,000,000,000.00.", code: "invalid_bid")
        }
        switch await commands.placeBid(on: auctionID, maximum: maximum, token: token, idempotencyKey: idempotencyKey) {
        case .refused(let refusal):
            return LiveBidResult(
                requestID: idempotencyKey, ok: false, status: refusal.status, message: refusal.message, code: refusal.code)
        case .accepted(let changed):
            let position = await gate.auction(auctionID, atLeast: changed.version ?? record.version + 1)
            return LiveBidResult(requestID: idempotencyKey, ok: true, status: 201, message: Self.confirmation(maximum, changed.bid), position: position)
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
