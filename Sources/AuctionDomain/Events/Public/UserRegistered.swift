/// A user account was created. Version 1 of the user's own stream.
public struct UserRegistered: Hashable, Sendable, Codable {
    public let userID: UserID
    public let displayName: String

    public init(userID: UserID, displayName: String) {
        self.userID = userID
        self.displayName = displayName
    }
}
