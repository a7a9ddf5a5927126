import AuctionDomain
import Foundation

/// Links to the pages, with ids percent-encoded as one path segment.
enum URLPath {
    /// `/auctions/<id>`.
    static func auction(_ id: AuctionID) -> String { "/auctions/\(segment(id.rawValue))" }

    /// `/auctions/<id>/bids`, where the bid form posts.
    static func bids(_ id: AuctionID) -> String { "/auctions/\(segment(id.rawValue))/bids" }

    /// `/users/<id>`, a seller's page.
    static func user(_ id: UserID) -> String { "/users/\(segment(id.rawValue))" }

    /// `text` encoded so it stays one path segment (a `/` or `?` in an id cannot change the route).
    static func segment(_ text: String) -> String {
        // Ids are nearly always unreserved ASCII already: skip Foundation's encoder for them.
        if text.utf8.allSatisfy(isUnreserved) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    /// ASCII letters, digits and `-._~`: what `segmentAllowed` holds.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    private static let segmentAllowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()
}
