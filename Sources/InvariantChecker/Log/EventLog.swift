import AuctionDomain
import Shared

/// Everything in the Redis streams of one data set, decoded and grouped by aggregate: the input
/// of every check. Read once, so all checks judge the same log.
struct EventLog: Sendable {
    /// Auctions in the order their first public event was met.
    private(set) var auctionOrder: [AuctionID] = []
    private(set) var auctions: [AuctionID: AuctionLog] = [:]
    /// `userRegistered` events of the user stream.
    private(set) var users: [LoggedEvent<PublicEvent>] = []
    /// The last entry ID of every non-empty stream: how far a caught-up read model must have read.
    var tails: [String: RedisStreamEntryID] = [:]
    /// Entries no decoder accepts.
    private(set) var unreadable: [UnreadableEntry] = []
    /// Events stored in a stream other than the one the layout assigns to their aggregate.
    private(set) var misrouted: [String] = []

    mutating func addPublic(_ event: LoggedEvent<PublicEvent>, expectedStream: String?) {
        switch event.envelope.aggregate {
        case .user:
            if event.stream != EventStreamLayout.userStream { misrouted.append(event.label) }
            users.append(event)
        case .auction(let id):
            if let expectedStream, expectedStream != event.stream { misrouted.append("\(event.label), belongs in \(expectedStream)") }
            if auctions[id] == nil {
                auctionOrder.append(id)
                auctions[id] = AuctionLog(auctionID: id)
            }
            auctions[id]?.publicEvents.append(event)
        }
    }

    mutating func addPrivate(_ event: LoggedEvent<PrivateEvent>, expectedStream: String?) {
        guard case .auction(let id) = event.envelope.aggregate else {
            misrouted.append("\(event.label): a private event of a user")
            return
        }
        if let expectedStream, expectedStream != event.stream { misrouted.append("\(event.label), belongs in \(expectedStream)") }
        if auctions[id] == nil {
            // A private annex without any public event: kept so the history check reports it.
            auctionOrder.append(id)
            auctions[id] = AuctionLog(auctionID: id)
        }
        auctions[id]?.privateEvents.append(event)
    }

    mutating func addUnreadable(_ entry: UnreadableEntry) { unreadable.append(entry) }

    var publicEventCount: Int { auctions.values.reduce(users.count) { $0 + $1.publicEvents.count } }
    var privateEventCount: Int { auctions.values.reduce(0) { $0 + $1.privateEvents.count } }
}
