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

    /// Logs in on behalf of the browser at `clientAddress`, which the writer's per-address limit
    /// counts. Too many failures (429) become a message that says how long to wait.
    func logIn(displayName: String, password: String, clientAddress: String? = nil) async -> CommandOutcome<SessionIssued> {
        let reply = await post("/v1/sessions", ["displayName": displayName, "password": password], token: nil, key: nil, forwardedFor: clientAddress)
        guard reply.status == 429 else { return CommandOutcome(reply: reply) }
        return .refused(CommandRefusal(status: 429, code: "too_many_attempts", message: Self.waitMessage(retryAfter: reply.retryAfter)))
    }

    /// What the log-in form says after too many failed attempts, with the writer's `Retry-After`.
    static func waitMessage(retryAfter: String?) -> String {
        guard let seconds = retryAfter.flatMap({ Int($0) }), seconds > 0 else {
            return "Too many failed log-in attempts. Please wait a while before trying again."
        }
        let wait = seconds < 120 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
        return "Too many failed log-in attempts. Please wait \(wait) before trying again."
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
        CommandOutcome(reply: await post(path, body, token: token, key: key))
    }

    private func post(_ path: String, _ body: some Encodable, token: String?, key: String?, forwardedFor: String? = nil) async
        -> CommandRelay.Reply
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(body) else {
            let error = APIError(status: 400, code: "invalid_request", message: "The command could not be encoded.")
            return CommandRelay.Reply(status: 400, body: error.response.body, retryAfter: nil)
        }
        return await relay.post(path, json: Array(json), token: token, idempotencyKey: key, forwardedFor: forwardedFor)
    }
}
