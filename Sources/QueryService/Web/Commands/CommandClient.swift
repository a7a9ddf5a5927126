import AuctionDomain
import Foundation
import Shared

/// The CommandService's HTTP API as the pages and the WebSocket use it, over ``CommandRelay``
/// (failover across command URLs, the user's bearer token, an idempotency key per command).
/// Query nodes decide nothing: every answer is the writer's.
struct CommandClient: Sendable {
    let relay: CommandRelay

    /// `POST /v1/users` accepted: the new user's id.
    struct Registered: Decodable, Sendable { let userID: String }

    /// `POST /v1/sessions` accepted: the bearer token (kept in the session cookie) and its user.
    struct SessionIssued: Decodable, Sendable {
        let token: String
        let userID: String
    }

    /// An accepted auction command: the auction, the version its stream reached, and for a bid
    /// what the bidder learns about it.
    struct AuctionChanged: Decodable, Sendable {
        struct BidOutcome: Decodable, Sendable {
            let leading: Bool
            let price: Money
        }
        let auctionID: String?
        let version: Int64?
        let bid: BidOutcome?
    }

    /// What a seller fills in on the "sell" page.
    struct NewAuction: Encodable, Sendable {
        let title: String
        let description: String
        let startingPrice: Money
        let reservePrice: Money?
        let durationSeconds: Int64
    }

    func register(displayName: String, password: String) async -> CommandOutcome<Registered> {
        await send("/v1/users", ["displayName": displayName, "password": password], token: nil, key: nil)
    }

    func logIn(displayName: String, password: String) async -> CommandOutcome<SessionIssued> {
        await send("/v1/sessions", ["displayName": displayName, "password": password], token: nil, key: nil)
    }

    func placeBid(on auctionID: String, maximum: Money, token: String?, idempotencyKey: String) async -> CommandOutcome<AuctionChanged> {
        await send("/v1/auctions/\(URLPath.segment(auctionID))/bids", ["maximum": maximum], token: token, key: idempotencyKey)
    }

    func createAuction(_ auction: NewAuction, token: String?, idempotencyKey: String) async -> CommandOutcome<AuctionChanged> {
        await send("/v1/auctions", auction, token: token, key: idempotencyKey)
    }

    private func send<Value: Decodable & Sendable>(_ path: String, _ body: some Encodable, token: String?, key: String?) async
        -> CommandOutcome<Value>
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(body) else {
            return .refused(CommandRefusal(status: 400, code: "invalid_request", message: "The command could not be encoded."))
        }
        let reply = await relay.post(path, json: Array(json), token: token, idempotencyKey: key)
        return CommandOutcome(reply: reply)
    }
}
