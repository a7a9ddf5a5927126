/// What a seller submits to list an auction; validated by ``Auction/decide(_:_:commandID:now:)``.
public struct AuctionDraft: Hashable, Sendable {
    public var seller: UserID
    public var title: String
    public var description: String
    /// Also fixes the auction's currency.
    public var startingPrice: Money
    /// Hidden: never in a public event. At least the starting price, same currency.
    public var reservePrice: Money?
    /// `nil` starts the auction at the moment it is created (`now`); otherwise not before `now`.
    public var startsAt: EpochMilliseconds?
    public var endsAt: EpochMilliseconds
    public var softClose: SoftClosePolicy

    public init(
        seller: UserID, title: String, description: String = "", startingPrice: Money, reservePrice: Money? = nil,
        startsAt: EpochMilliseconds? = nil, endsAt: EpochMilliseconds, softClose: SoftClosePolicy = .standard
    ) {
        self.seller = seller
        self.title = title
        self.description = description
        self.startingPrice = startingPrice
        self.reservePrice = reservePrice
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.softClose = softClose
    }
}
