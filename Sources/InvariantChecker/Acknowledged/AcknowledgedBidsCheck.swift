import AuctionDomain

/// Invariant 1: every acknowledged bid is in the log exactly once, in the auction it was for.
enum AcknowledgedBidsCheck {
    static func run(_ acknowledged: [AcknowledgedBid], log: EventLog, into report: inout CheckReport) {
        var accepted: [String: [LoggedEvent<PublicEvent>]] = [:]
        for auction in log.auctions.values {
            for event in auction.publicEvents {
                if case .bidAccepted = event.envelope.event { accepted[event.envelope.commandID.rawValue, default: []].append(event) }
            }
        }
        var seen = Set<String>()
        for bid in acknowledged where seen.insert(bid.commandID).inserted {
            let found = accepted[bid.commandID] ?? []
            let subject = "acknowledged bid \(bid.commandID) on \(bid.auction)" + (bid.key.map { " (key \($0))" } ?? "")
            switch found.count {
            case 0: report.add(.acknowledgedBidLogged, subject, "is not in the log: an acknowledged bid was lost")
            case 1:
                if found[0].envelope.aggregate != .auction(AuctionID(bid.auction)) {
                    report.add(.acknowledgedBidLogged, subject, "is logged for another auction: \(found[0].label)")
                }
            default:
                report.add(.acknowledgedBidLogged, subject, "is in the log \(found.count) times: \(found.map(\.label).joined(separator: "; "))")
            }
        }
        report.record("acknowledged bids (distinct)", seen.count)
        report.record("bids in the log", accepted.values.reduce(0) { $0 + $1.count })
    }
}
