import AuctionDomain

/// The name of a live topic, as pages and clients spell it, and the DOM id of the fragment it
/// replaces.
///
/// | topic | value | fragment id |
/// |---|---|---|
/// | `auction:<id>` | price, leader, end time, status | `price-<id>` |
/// | `auction:<id>:bids` | the bid history | `bids-<id>` |
/// | `home` | open auctions ending soonest | `home-auctions` |
///
/// Auction ids in topic names are restricted to `[A-Za-z0-9_-]`, 1 to 100 characters, so the
/// grammar is unambiguous and a name is safe in a DOM id and a conflation key.
enum TopicName: Hashable, Sendable, CustomStringConvertible {
    case auction(AuctionID)
    case auctionBids(AuctionID)
    case home

    /// Parses a client's topic name; nil for anything outside the grammar.
    init?(_ text: String) {
        if text == "home" {
            self = .home
            return
        }
        guard text.hasPrefix("auction:") else { return nil }
        var rest = text.dropFirst("auction:".count)
        let bids = rest.hasSuffix(":bids")
        if bids { rest = rest.dropLast(":bids".count) }
        guard Self.isValidID(rest) else { return nil }
        self = bids ? .auctionBids(AuctionID(String(rest))) : .auction(AuctionID(String(rest)))
    }

    var description: String {
        switch self {
        case .auction(let id): "auction:\(id.rawValue)"
        case .auctionBids(let id): "auction:\(id.rawValue):bids"
        case .home: "home"
        }
    }

    /// The `id` attribute of the element this topic's updates replace.
    var domID: String {
        switch self {
        case .auction(let id): "price-\(id.rawValue)"
        case .auctionBids(let id): "bids-\(id.rawValue)"
        case .home: "home-auctions"
        }
    }

    /// Whether `id` may appear in a topic name.
    static func isValidID(_ id: some StringProtocol) -> Bool {
        (1...100).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
            }
    }
}
