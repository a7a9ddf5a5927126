import Shared

/// A user's public profile.
struct UserProfile: Sendable, Hashable, Codable {
    let userID: String
    let displayName: String
    /// Epoch milliseconds.
    let registeredAt: Int64

    init(row: PostgresRow) throws {
        userID = try row.decode(String.self, "user_id")
        displayName = try row.decode(String.self, "display_name")
        registeredAt = try row.decode(Int64.self, "registered_at")
    }
}
