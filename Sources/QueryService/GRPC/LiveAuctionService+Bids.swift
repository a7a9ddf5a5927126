import AuctionProto
import GRPCCore
import Shared

/// `PlaceBid`: relayed to the CommandService with the caller's token, like the page's form.
extension LiveAuctionService {
    func placeBid(_ request: ServerRequest<Liveauction_V1_PlaceBidRequest>) async throws -> Liveauction_V1_PlaceBidReply {
        let token = try Self.bearerToken(request.metadata)
        let key = request.message.idempotencyKey
        guard !key.isEmpty else {
            throw GRPCErrorMapping.error(APIError(
                status: 400, code: "missing_idempotency_key", message: "Set idempotency_key: a retry with the same key is the same bid."))
        }
        guard key.utf8.count <= 200, key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw GRPCErrorMapping.error(APIError(
                status: 400, code: "invalid_idempotency_key", message: "idempotency_key must be 1 to 200 visible ASCII characters."))
        }
        let message = request.message
        switch await bids.relay(on: message.auctionID, minorUnits: message.maximumMinorUnits, token: token, idempotencyKey: key) {
        case .refused(let refusal):
            throw GRPCErrorMapping.error(
                status: refusal.status, code: refusal.code, message: refusal.message, detailsJSON: refusal.detailsJSON,
                retryAfter: refusal.retryAfter)
        case .placed(let maximum, let outcome, let position):
            var reply = Liveauction_V1_PlaceBidReply()
            reply.message = RelayedBidPlacer.confirmation(maximum, outcome)
            if let outcome {
                reply.leading = outcome.leading
                reply.price = FeedMessages.money(outcome.price)
            }
            reply.position = position ?? 0
            reply.epoch = await hub.epoch
            return reply
        }
    }

    /// The session token from `authorization: Bearer <token>`; anything else is UNAUTHENTICATED,
    /// as a missing or malformed `Authorization` header is 401 on REST. The CommandService
    /// verifies the token itself.
    static func bearerToken(_ metadata: Metadata) throws(RPCError) -> String {
        let values = Array(metadata[stringValues: "authorization"])
        guard values.count == 1, let value = values.first, value.hasPrefix("Bearer "),
              case let token = String(value.dropFirst("Bearer ".count)), !token.isEmpty,
              token.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw GRPCErrorMapping.error(APIError(
                status: 401, code: "unauthenticated", message: "Send the session token as authorization: Bearer <token>."))
        }
        return token
    }
}
