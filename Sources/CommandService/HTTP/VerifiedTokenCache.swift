import Synchronization

/// Session tokens whose signature this process already checked, with their user and expiry.
///
/// Why: a bidder sends the same token with every bid, and checking it (HMAC, base64, parsing) was
/// 12 % of a bid's CPU in the profile (docs/performance.md). A token is immutable, so one that
/// verified once verifies again; only its expiry is checked each time. Only tokens that passed the
/// full check enter, so a forged token is never answered from here. Bounded: at `capacity` the
/// cache starts over.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        let userID: String
        let expiry: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The user of `token` if it was verified before and has not expired at `now`.
    func user(of token: String, now: Int64) -> String? {
        entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.expiry > now else {
                entries[token] = nil
                return nil
            }
            return entry.userID
        }
    }

    /// Remembers a token that just passed the full check.
    func remember(_ token: String, userID: String, expiry: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(userID: userID, expiry: expiry)
        }
    }
}
