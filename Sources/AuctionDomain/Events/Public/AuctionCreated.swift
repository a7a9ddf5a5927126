/// An auction was listed. Carries every public term; the reserve amount is NOT here (only whether
/// one exists), it is kept in the private ``AuctionTermsRecorded``.
public struct AuctionCreated: Hashable, Sendable, Codable {
    public let seller: UserID
    public let title: String
    public let description: String
    public let startingPrice: Money
    /// Whether a hidden reserve price exists; its amount stays private.
    public let hasReserve: Bool
    public let startsAt: EpochMilliseconds
    public let endsAt: EpochMilliseconds
    public let softClose: SoftClosePolicy

    public init(
        seller: UserID, title: String, description: String, startingPrice: Money, hasReserve: Bool,
        startsAt: EpochMilliseconds, endsAt: EpochMilliseconds, softClose: SoftClosePolicy
    ) {
        self.seller = seller
        self.title = title
        self.description = description
        self.startingPrice = startingPrice
        self.hasReserve = hasReserve
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.softClose = softClose
    }
}
