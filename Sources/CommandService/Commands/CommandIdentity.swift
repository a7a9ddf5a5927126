import AuctionDomain
import Crypto

/// Derives command and auction ids from the acting user and the client's idempotency key, so
/// that a retry (same user, same key) is the same command, and two users who happen to pick the
/// same key are not.
///
/// The ids are SHA-256 digests (hex, truncated to 128 bits): stable across processes and
/// releases, and they reveal neither the user nor the key.
enum CommandIdentity {
    /// The id of the auction a create command makes: a retried create finds its own auction.
    static func auctionID(seller: UserID, key: String) -> AuctionID {
        AuctionID("a" + digest(["create", seller.rawValue, key]))
    }

    static func create(seller: UserID, key: String) -> CommandID {
        CommandID("create-" + digest(["create", seller.rawValue, key]))
    }

    static func bid(bidder: UserID, auctionID: AuctionID, key: String) -> CommandID {
        CommandID("bid-" + digest(["bid", bidder.rawValue, auctionID.rawValue, key]))
    }

    static func cancel(actor: UserID, auctionID: AuctionID, key: String) -> CommandID {
        CommandID("cancel-" + digest(["cancel", actor.rawValue, auctionID.rawValue, key]))
    }

    /// The closer's command for an auction that ends at `endsAt`: every closer instance derives
    /// the same id, so two closing at once are one command.
    static func close(auctionID: AuctionID, endsAt: EpochMilliseconds) -> CommandID {
        CommandID("close:\(auctionID.rawValue):\(endsAt)")
    }

    /// Hash of a request (route and body) for `CommandRecord.fingerprint`.
    static func fingerprint(route: String, body: [UInt8]) -> String {
        hex(SHA256.hash(data: Array(route.utf8) + [0] + body), bytes: 16)
    }

    /// Parts are joined with NUL, which cannot occur in a user id, auction id or (validated) key.
    private static func digest(_ parts: [String]) -> String {
        hex(SHA256.hash(data: Array(parts.joined(separator: "\u{0}").utf8)), bytes: 16)
    }

    private static func hex(_ digest: SHA256.Digest, bytes: Int) -> String {
        digest.prefix(bytes).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
