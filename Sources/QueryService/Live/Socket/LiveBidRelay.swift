import AuctionDomain
import Shared

/// A bid typed on a page and sent over the WebSocket: `{"type":"bid","requestID":"…",
/// "auction":"…","maximum":"12.50"}` (or `"maximumMinorUnits":1250`).
struct LiveBid: Sendable, Equatable {
    /// The client's id for this bid; echoed in the result and used as the idempotency key, so a
    /// retried message is the same command.
    let requestID: String
    let auctionID: AuctionID
    let maximumMinorUnits: Int64
}

/// What became of a bid, sent back as `{"type":"result","requestID":…,"ok":…}`.
struct LiveBidResult: Sendable, Equatable, Encodable {
    var type = "result"
    let requestID: String
    let ok: Bool
    /// The CommandService's HTTP status.
    let status: Int
    /// For people: the confirmation or the CommandService's error message.
    let message: String
    /// The CommandService's error code when `ok` is false.
    let code: String?
    /// The read-model position at which this node shows the bid, when known.
    let position: Int64?

    init(requestID: String, ok: Bool, status: Int, message: String, code: String? = nil, position: Int64? = nil) {
        self.requestID = requestID
        self.ok = ok
        self.status = status
        self.message = message
        self.code = code
        self.position = position
    }
}

/// Places bids on behalf of a WebSocket client. Query nodes decide nothing: the implementation
/// (wired by the service) relays to the CommandService's HTTP API with the user's session from
/// the upgrade request's cookie, and answers once this node's projection has caught up.
protocol LiveBidRelay: Sendable {
    /// `upgrade` is the WebSocket's handshake request (cookies, origin, address).
    func placeBid(_ bid: LiveBid, upgrade: HTTPRequest) async -> LiveBidResult
}
