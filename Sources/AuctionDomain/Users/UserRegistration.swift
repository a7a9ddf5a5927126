import Foundation

/// Decides the one event of a user's stream: `userRegistered`, version 1.
public enum UserRegistration {
    /// Validates the display name (trimmed, ``AuctionLimits/displayNameLength`` Characters).
    public static func register(
        userID: UserID, displayName: String, commandID: CommandID, now: EpochMilliseconds
    ) -> Result<PublicEventEnvelope, AuctionRuleViolation> {
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard AuctionLimits.displayNameLength.contains(name.count) else {
            return .failure(.displayNameInvalid(allowed: AuctionLimits.displayNameLength))
        }
        return .success(EventEnvelope(
            aggregate: .user(userID), version: 1, commandID: commandID, timestamp: now,
            event: .userRegistered(UserRegistered(userID: userID, displayName: name))
        ))
    }
}
