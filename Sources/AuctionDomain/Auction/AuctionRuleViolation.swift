/// Why a command was refused. `code` is stable for API clients; `description` is a message for
/// people, and names the amount a bidder needs when a bid is too low.
public enum AuctionRuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    case auctionNotFound
    case auctionAlreadyExists
    case titleEmpty
    case titleTooLong(maximum: Int)
    case descriptionTooLong(maximum: Int)
    case displayNameInvalid(allowed: ClosedRange<Int>)
    case currencyMismatch(expected: Currency, actual: Currency)
    case reserveBelowStartingPrice(startingPrice: Money)
    case startInPast
    case startTooFarAhead
    case durationTooShort(minimumSeconds: Int64)
    case durationTooLong(maximumSeconds: Int64)
    case softCloseOutOfRange(maximumSeconds: Int64)
    case sellerCannotBid
    case auctionNotStarted(startsAt: EpochMilliseconds)
    case auctionEnded
    case auctionNotEnded(endsAt: EpochMilliseconds)
    case auctionClosed
    case auctionCancelled
    /// The maximum is below the lowest acceptable bid, which is named.
    case bidTooLow(minimum: Money)
    /// The leader tried to lower or repeat their own maximum.
    case maximumNotRaised(currentMaximum: Money)
    /// The price is so close to ``Money/maximumMinorUnits`` that no higher bid can exist.
    case biddingLimitReached
    case notSeller
    case cannotCancelWithBids

    /// A stable machine-readable code: the case name.
    public var code: String {
        switch self {
        case .auctionNotFound: "auctionNotFound"
        case .auctionAlreadyExists: "auctionAlreadyExists"
        case .titleEmpty: "titleEmpty"
        case .titleTooLong: "titleTooLong"
        case .descriptionTooLong: "descriptionTooLong"
        case .displayNameInvalid: "displayNameInvalid"
        case .currencyMismatch: "currencyMismatch"
        case .reserveBelowStartingPrice: "reserveBelowStartingPrice"
        case .startInPast: "startInPast"
        case .startTooFarAhead: "startTooFarAhead"
        case .durationTooShort: "durationTooShort"
        case .durationTooLong: "durationTooLong"
        case .softCloseOutOfRange: "softCloseOutOfRange"
        case .sellerCannotBid: "sellerCannotBid"
        case .auctionNotStarted: "auctionNotStarted"
        case .auctionEnded: "auctionEnded"
        case .auctionNotEnded: "auctionNotEnded"
        case .auctionClosed: "auctionClosed"
        case .auctionCancelled: "auctionCancelled"
        case .bidTooLow: "bidTooLow"
        case .maximumNotRaised: "maximumNotRaised"
        case .biddingLimitReached: "biddingLimitReached"
        case .notSeller: "notSeller"
        case .cannotCancelWithBids: "cannotCancelWithBids"
        }
    }

    public var description: String {
        switch self {
        case .auctionNotFound: "There is no such auction."
        case .auctionAlreadyExists: "An auction with this id already exists."
        case .titleEmpty: "The title must not be empty."
        case .titleTooLong(let maximum): "The title must be at most \(maximum) characters."
        case .descriptionTooLong(let maximum): "The description must be at most \(maximum) characters."
        case .displayNameInvalid(let allowed):
            "The display name must be \(allowed.lowerBound) to \(allowed.upperBound) characters."
        case .currencyMismatch(let expected, let actual): "Amounts must be in \(expected), not \(actual)."
        case .reserveBelowStartingPrice(let start): "The reserve price must be at least the starting price, \(start)."
        case .startInPast: "The auction cannot start in the past."
        case .startTooFarAhead: "The auction must start within 90 days."
        case .durationTooShort(let seconds): "The auction must last at least \(seconds) seconds."
        case .durationTooLong(let seconds): "The auction must last at most \(seconds / 86_400) days."
        case .softCloseOutOfRange(let seconds): "Soft-close window and extension must be 0 to \(seconds) seconds."
        case .sellerCannotBid: "Sellers cannot bid on their own auctions."
        case .auctionNotStarted: "The auction has not started yet."
        case .auctionEnded: "The auction has ended."
        case .auctionNotEnded: "The auction has not ended yet."
        case .auctionClosed: "The auction is closed."
        case .auctionCancelled: "The auction was cancelled."
        case .bidTooLow(let minimum): "Your maximum bid must be at least \(minimum)."
        case .maximumNotRaised(let current): "You are leading; a new maximum must be above your current \(current)."
        case .biddingLimitReached: "The price has reached the highest amount the platform accepts."
        case .notSeller: "Only the seller can do this."
        case .cannotCancelWithBids: "An auction cannot be cancelled once someone has bid."
        }
    }
}
