import AuctionDomain

/// Display names of users as this node knows them, for leaders, bidders and winners in topics.
///
/// Fed by `userRegistered` events as they commit, and by the names a topic's seed brings along
/// from the read model. A user not (yet) known is shown by id rather than not at all.
struct NameDirectory: Sendable {
    private var names: [UserID: String] = [:]

    /// The display name, or the raw id for a user this node has not seen register.
    func name(for user: UserID) -> String { names[user] ?? user.rawValue }

    mutating func record(_ user: UserID, displayName: String) { names[user] = displayName }

    mutating func merge(_ more: [UserID: String]) { names.merge(more) { _, seeded in seeded } }

    /// Records the name when `event` is a registration.
    mutating func observe(_ event: PublicEventEnvelope) {
        if case .userRegistered(let registered) = event.event { record(registered.userID, displayName: registered.displayName) }
    }

    var count: Int { names.count }
}
