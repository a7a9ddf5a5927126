import AuctionDomain

/// Maps a refused rule to its HTTP answer:
/// - 422: the input itself is invalid (title, times, currency, reserve...);
/// - 403: the actor may not do this (seller bidding, non-seller cancelling);
/// - 404: no such auction;
/// - 409: a conflict with the auction's current state (too low, ended, closed...). Those carry
///   the auction's current public standing in `details` (`minimumBid`, `price`, `version`).
enum RuleViolationError {
    static func make(_ violation: AuctionRuleViolation, state: AuctionState?) -> RecordedError {
        var details: [String: RecordedError.Detail] = [:]
        let status: Int
        switch violation {
        case .auctionNotFound: status = 404
        case .sellerCannotBid, .notSeller: status = 403
        case .titleEmpty, .startInPast, .startTooFarAhead:
            status = 422
        case .titleTooLong(let maximum), .descriptionTooLong(let maximum):
            status = 422
            details["maximumLength"] = .int(Int64(maximum))
        case .displayNameInvalid(let allowed):
            status = 422
            details["minimumLength"] = .int(Int64(allowed.lowerBound))
            details["maximumLength"] = .int(Int64(allowed.upperBound))
        case .currencyMismatch(let expected, _):
            status = 422
            details["currency"] = .string(expected.code)
        case .reserveBelowStartingPrice(let start):
            status = 422
            details["startingPriceMinorUnits"] = .int(start.minorUnits)
        case .durationTooShort(let seconds), .durationTooLong(let seconds):
            status = 422
            details["limitSeconds"] = .int(seconds)
        case .softCloseOutOfRange(let seconds):
            status = 422
            details["maximumSeconds"] = .int(seconds)
        case .bidTooLow(let minimum):
            status = 409
            details["minimumMinorUnits"] = .int(minimum.minorUnits)
        case .maximumNotRaised(let current):
            // The bidder's own maximum, told only to that bidder.
            status = 409
            details["currentMaximumMinorUnits"] = .int(current.minorUnits)
        case .auctionNotStarted(let startsAt):
            status = 409
            details["startsAt"] = .int(startsAt)
        case .auctionNotEnded(let endsAt):
            status = 409
            details["endsAt"] = .int(endsAt)
        case .auctionAlreadyExists, .auctionEnded, .auctionClosed, .auctionCancelled, .biddingLimitReached,
             .cannotCancelWithBids:
            status = 409
        }
        if status == 409, let state {
            details["version"] = .int(state.version)
            details["priceMinorUnits"] = .int(state.price.minorUnits)
            details["currency"] = .string(state.currency.code)
            if state.phase == .open, let minimum = state.minimumBid { details["minimumMinorUnits"] = .int(minimum.minorUnits) }
        }
        return RecordedError(status: status, code: snakeCase(violation.code), message: violation.description, details: details)
    }

    /// `bidTooLow` -> `bid_too_low`, the style of every other API error code.
    static func snakeCase(_ code: String) -> String {
        var result = ""
        for character in code {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
