/// The bounds that create-auction input is validated against.
public enum AuctionLimits {
    /// Title length in Characters, after trimming surrounding whitespace.
    public static let titleLength = 1...200
    /// Description length in Characters, after trimming surrounding whitespace.
    public static let maximumDescriptionLength = 5_000
    /// Shortest allowed time between start and end: one minute.
    public static let minimumDurationMilliseconds: Int64 = 60_000
    /// Longest allowed time between start and end: 30 days.
    public static let maximumDurationMilliseconds: Int64 = 30 * 24 * 3_600_000
    /// Latest allowed start: 90 days after the auction is created.
    public static let maximumStartDelayMilliseconds: Int64 = 90 * 24 * 3_600_000
    /// Upper bound for both soft-close parameters (one hour).
    public static let maximumSoftCloseSeconds: Int64 = 3_600
    /// Display names of users, in Characters after trimming.
    public static let displayNameLength = 1...50
}
