import Foundation

extension Auction {
    /// Validates a draft and records `auctionCreated` (+ the private reserve annex).
    static func decideCreate(_ draft: AuctionDraft, now: EpochMilliseconds, into recorder: inout EventRecorder)
        throws(AuctionRuleViolation)
    {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw .titleEmpty }
        guard title.count <= AuctionLimits.titleLength.upperBound else {
            throw .titleTooLong(maximum: AuctionLimits.titleLength.upperBound)
        }
        guard description.count <= AuctionLimits.maximumDescriptionLength else {
            throw .descriptionTooLong(maximum: AuctionLimits.maximumDescriptionLength)
        }
        if let reserve = draft.reservePrice {
            guard reserve.currency == draft.startingPrice.currency else {
                throw .currencyMismatch(expected: draft.startingPrice.currency, actual: reserve.currency)
            }
            guard reserve.minorUnits >= draft.startingPrice.minorUnits else {
                throw .reserveBelowStartingPrice(startingPrice: draft.startingPrice)
            }
        }
        let startsAt = draft.startsAt ?? now
        try validateTimes(startsAt: startsAt, endsAt: draft.endsAt, now: now)
        let softCloseRange = 0...AuctionLimits.maximumSoftCloseSeconds
        guard softCloseRange.contains(draft.softClose.windowSeconds),
              softCloseRange.contains(draft.softClose.extensionSeconds)
        else { throw .softCloseOutOfRange(maximumSeconds: AuctionLimits.maximumSoftCloseSeconds) }

        recorder.record(.auctionCreated(AuctionCreated(
            seller: draft.seller, title: title, description: description, startingPrice: draft.startingPrice,
            hasReserve: draft.reservePrice != nil, startsAt: startsAt, endsAt: draft.endsAt, softClose: draft.softClose
        )))
        if let reserve = draft.reservePrice {
            recorder.annex(.auctionTermsRecorded(AuctionTermsRecorded(reservePrice: reserve)))
        }
    }

    /// Overflow-reporting subtraction: times are client input and may be anywhere in `Int64`.
    private static func validateTimes(startsAt: EpochMilliseconds, endsAt: EpochMilliseconds, now: EpochMilliseconds)
        throws(AuctionRuleViolation)
    {
        guard startsAt >= now else { throw .startInPast }
        let (delay, delayOverflow) = startsAt.subtractingReportingOverflow(now)
        guard !delayOverflow, delay <= AuctionLimits.maximumStartDelayMilliseconds else { throw .startTooFarAhead }
        let (duration, overflow) = endsAt.subtractingReportingOverflow(startsAt)
        guard overflow || duration >= AuctionLimits.minimumDurationMilliseconds else {
            throw .durationTooShort(minimumSeconds: AuctionLimits.minimumDurationMilliseconds / 1000)
        }
        guard !overflow, duration <= AuctionLimits.maximumDurationMilliseconds else {
            throw .durationTooLong(maximumSeconds: AuctionLimits.maximumDurationMilliseconds / 1000)
        }
    }
}
