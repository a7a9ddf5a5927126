import Foundation

/// The opaque `cursor` of the REST listings: base64url of a small JSON object naming the listing
/// it belongs to and the keyset position where the previous page stopped. Clients must not
/// build or parse it; the server rejects one that is malformed or belongs to another listing.
///
/// Keyset positions (not offsets) keep pages stable while auctions and bids are added: a page
/// never repeats or skips an item that existed when the first page was read (an auction whose end
/// moves by soft close can change places, as its order really changed).
enum PageCursor: Codable, Sendable, Equatable {
    /// Open auctions by end time: after (`endsAt`, `auctionID`).
    case open(endsAt: Int64, auctionID: String)
    /// A seller's auctions, newest first: after (`createdAt` descending, `auctionID`).
    case seller(sellerID: String, createdAt: Int64, auctionID: String)
    /// An auction's bids, oldest first: after `bidNumber`.
    case bids(auctionID: String, bidNumber: Int)

    var token: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(token: String) {
        guard (1...1_000).contains(token.utf8.count),
              token.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 })
        else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(PageCursor.self, from: data) else { return nil }
        self = cursor
    }
}
