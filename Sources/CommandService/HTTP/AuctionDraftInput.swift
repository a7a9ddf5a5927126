import AuctionDomain
import Shared

/// Turns the create-auction body into the domain's `AuctionDraft`. The end is `endsAt`, or
/// `durationSeconds` after the start; with no `startsAt` the start is now, read from Redis `TIME`
/// (only then is the clock read here: the rules themselves check every time again).
enum AuctionDraftInput {
    static func draft(from body: NewAuctionBody, seller: UserID, redis: RedisClient) async throws -> Result<AuctionDraft, APIError> {
        let endsAt: EpochMilliseconds
        switch (body.endsAt, body.durationSeconds) {
        case (let end?, nil):
            endsAt = end
        case (nil, let seconds?):
            let start: EpochMilliseconds
            if let startsAt = body.startsAt { start = startsAt } else { start = try await redis.time().milliseconds }
            let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            let (end, overflowEnd) = start.addingReportingOverflow(milliseconds)
            guard !overflow, !overflowEnd, seconds > 0 else {
                return .failure(APIError(status: 400, code: "invalid_field", message: "The field \"durationSeconds\" is out of range.",
                                         details: ["field": .string("durationSeconds")]))
            }
            endsAt = end
        default:
            return .failure(APIError(status: 400, code: "missing_field", message: "Give exactly one of \"endsAt\" and \"durationSeconds\".",
                                     details: ["field": .string("endsAt")]))
        }
        let softClose = body.softClose.map { SoftClosePolicy(windowSeconds: $0.windowSeconds, extensionSeconds: $0.extensionSeconds) }
        return .success(AuctionDraft(
            seller: seller, title: body.title, description: body.description ?? "", startingPrice: body.startingPrice,
            reservePrice: body.reservePrice, startsAt: body.startsAt, endsAt: endsAt, softClose: softClose ?? .standard))
    }
}
