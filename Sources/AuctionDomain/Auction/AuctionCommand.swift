/// An intention addressed to one auction. The command's id and the time travel beside it as
/// parameters of ``Auction/decide(_:_:commandID:now:)``, since every command needs both.
public enum AuctionCommand: Hashable, Sendable {
    /// List a new auction under `auctionID`.
    case create(auctionID: AuctionID, draft: AuctionDraft)
    /// Bid by naming the most `bidder` is willing to pay (proxy bidding).
    case placeBid(bidder: UserID, maximum: Money)
    /// Withdraw the auction; only its seller, only while nobody has bid.
    case cancel(actor: UserID)
    /// Settle the auction at or after its end (issued by the closer).
    case close
}
