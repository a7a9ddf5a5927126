import AuctionDomain
import Shared

extension CommandRoutes {
    /// `POST /v1/auctions` (Idempotency-Key required): the id is derived from the seller and the
    /// key, so a retry finds the same auction and creates nothing new.
    func createAuction(_ request: HTTPRequest) async -> HTTPResponse {
        let seller: UserID, key: String, body: NewAuctionBody
        switch (authenticator.user(of: request), IdempotencyKey.read(request, required: true)) {
        case (.failure(let error), _), (_, .failure(let error)): return error.response
        case (.success(let user), .success(let value)): (seller, key) = (user, value)
        }
        switch JSONRequestDecoder.decode(NewAuctionBody.self, from: request) {
        case .failure(let error): return error.response
        case .success(let decoded): body = decoded
        }
        let draft: AuctionDraft
        do {
            switch try await AuctionDraftInput.draft(from: body, seller: seller, redis: redis) {
            case .failure(let error): return error.response
            case .success(let value): draft = value
            }
        } catch {
            return CommandResponder.failure(error, logger: logger)
        }
        let auctionID = CommandIdentity.auctionID(seller: seller, key: key)
        let fingerprint = CommandIdentity.fingerprint(route: "create", body: request.body)
        let command = CommandRequest(
            auctionID: auctionID, commandID: CommandIdentity.create(seller: seller, key: key),
            command: .create(auctionID: auctionID, draft: draft), fingerprint: fingerprint)
        return await run(command, record: ReplyBuilder.builder(fingerprint: fingerprint, layout: layout))
    }

    /// `POST /v1/auctions/{id}/bids {maximum}`: 201 with the public outcome and the bidder's own view.
    func placeBid(_ request: HTTPRequest) async -> HTTPResponse {
        let bidder: UserID, key: String, auctionID: AuctionID, body: BidBody
        switch (authenticator.user(of: request), IdempotencyKey.read(request, required: false), Self.auctionID(request)) {
        case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)): return error.response
        case (.success(let user), .success(let value), .success(let id)): (bidder, key, auctionID) = (user, value, id)
        }
        switch JSONRequestDecoder.decode(BidBody.self, from: request) {
        case .failure(let error): return error.response
        case .success(let decoded): body = decoded
        }
        let fingerprint = CommandIdentity.fingerprint(route: "bid \(auctionID)", body: request.body)
        let command = CommandRequest(
            auctionID: auctionID, commandID: CommandIdentity.bid(bidder: bidder, auctionID: auctionID, key: key),
            command: .placeBid(bidder: bidder, maximum: body.maximum), fingerprint: fingerprint)
        return await run(command, record: ReplyBuilder.builder(fingerprint: fingerprint, layout: layout, bidder: bidder, maximum: body.maximum))
    }

    /// `POST /v1/auctions/{id}/cancel`: only the seller, only while nobody has bid. No body.
    func cancelAuction(_ request: HTTPRequest) async -> HTTPResponse {
        let actor: UserID, key: String, auctionID: AuctionID
        switch (authenticator.user(of: request), IdempotencyKey.read(request, required: false), Self.auctionID(request)) {
        case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)): return error.response
        case (.success(let user), .success(let value), .success(let id)): (actor, key, auctionID) = (user, value, id)
        }
        let fingerprint = CommandIdentity.fingerprint(route: "cancel \(auctionID)", body: [])
        let command = CommandRequest(
            auctionID: auctionID, commandID: CommandIdentity.cancel(actor: actor, auctionID: auctionID, key: key),
            command: .cancel(actor: actor), fingerprint: fingerprint)
        return await run(command, record: ReplyBuilder.builder(fingerprint: fingerprint, layout: layout))
    }

    /// The `{id}` path segment: ids are at most 128 visible ASCII characters without braces (a
    /// brace would change the Redis Cluster hash tag of the auction's keys). Anything else cannot
    /// name an auction: 404 without touching Redis.
    private static func auctionID(_ request: HTTPRequest) -> Result<AuctionID, APIError> {
        guard let id = request.pathParameters["id"], (1...128).contains(id.utf8.count),
              id.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "}") })
        else { return .failure(APIError.notFound("There is no such auction.")) }
        return .success(AuctionID(id))
    }
}
