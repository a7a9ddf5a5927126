import AuctionDomain
import Shared

/// Builds the stored answer (`CommandRecord`) of each kind of auction command from its decision:
/// the record builders the HTTP routes and the closer hand to `AuctionCommandExecutor`.
enum ReplyBuilder {
    /// 201 with the public events and standing, or the rule's error. For a bid, `bidder` and
    /// `maximum` add the bidder's own view (leading or not, the maximum they named).
    static func builder(
        fingerprint: String, layout: EventStreamLayout, bidder: UserID? = nil, maximum: Money? = nil
    ) -> AuctionCommandExecutor.RecordBuilder {
        { before, decision, after in
            switch decision {
            case .failure(let violation):
                let error = RuleViolationError.make(violation, state: before)
                return CommandRecord(fingerprint: fingerprint, status: error.status, accepted: nil, error: error)
            case .success(let events):
                guard let after else {
                    let error = RecordedError(status: 500, code: "internal", message: "Something went wrong on our side.")
                    return CommandRecord(fingerprint: fingerprint, status: 500, accepted: nil, error: error)
                }
                let partition = layout.partition(of: after.auctionID)
                var bid: AcceptedReply.BidOutcome?
                if let bidder, let maximum {
                    bid = AcceptedReply.BidOutcome(leading: after.leader == bidder, maximum: maximum, price: after.price)
                }
                let reply = AcceptedReply(
                    auctionID: after.auctionID.rawValue, version: after.version, partition: partition,
                    stream: layout.publicStream(partition: partition),
                    events: events.compactMap(\.publicEnvelope).map { AcceptedReply.PublishedEvent(entryID: nil, event: $0) },
                    auction: AuctionStanding(after), bid: bid
                )
                return CommandRecord(fingerprint: fingerprint, status: 201, accepted: reply, error: nil)
            }
        }
    }
}
