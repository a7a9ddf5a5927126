import Synchronization

/// Users' display names for the pages (the signed-in visitor in the navigation, the seller on an
/// auction page), so that a warm page needs no query for them.
///
/// Display names never change once registered (no event renames a user), so a cached name is
/// never stale and needs no invalidation. Unknown users are not cached: they may register at any
/// moment, and ids that match nobody must not fill the memory. At most ``capacity`` names are
/// kept; when full, an arbitrary one makes room (a miss costs one query, nothing worse).
final class DisplayNameCache: Sendable {
    let capacity: Int
    private let reader: ReadModelReader
    private let names = Mutex<[String: String]>([:])

    init(reader: ReadModelReader, capacity: Int = 50_000) {
        self.reader = reader
        self.capacity = capacity
    }

    /// The user's display name; nil when the read model does not know them or cannot be read
    /// (the page then shows the id, as it always did for a user without a profile row).
    func displayName(of userID: String) async -> String? {
        if let name = names.withLock({ $0[userID] }) { return name }
        let profile: UserProfile?
        do { profile = try await reader.user(userID) } catch { return nil }
        guard let name = profile?.displayName else { return nil }
        names.withLock { names in
            if names.count >= capacity, names[userID] == nil, let any = names.keys.first { names[any] = nil }
            names[userID] = name
        }
        return name
    }

    /// How many names are cached, for tests.
    var count: Int { names.withLock { $0.count } }
}
