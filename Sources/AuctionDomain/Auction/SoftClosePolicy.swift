/// Anti-sniping: a bid accepted within the last `windowSeconds` before the end moves the end to
/// `now + extensionSeconds` (only ever later). Both are in `0...AuctionLimits.maximumSoftCloseSeconds`;
/// a window of 0 turns soft close off.
public struct SoftClosePolicy: Hashable, Sendable, Codable {
    public let windowSeconds: Int64
    public let extensionSeconds: Int64

    /// Not validated here so a draft can carry bad input to ``Auction/decide(_:_:commandID:now:)``,
    /// which reports it as ``AuctionRuleViolation/softCloseOutOfRange(maximumSeconds:)``.
    public init(windowSeconds: Int64, extensionSeconds: Int64) {
        self.windowSeconds = windowSeconds
        self.extensionSeconds = extensionSeconds
    }

    /// W = 120 s, E = 120 s.
    public static let standard = SoftClosePolicy(windowSeconds: 120, extensionSeconds: 120)

    /// The new end if a bid accepted at `now` falls in the window and extending moves the end later.
    func extendedEnd(bidAt now: EpochMilliseconds, endsAt: EpochMilliseconds) -> EpochMilliseconds? {
        guard windowSeconds > 0, now >= endsAt - windowSeconds * 1000 else { return nil }
        let newEnd = now + extensionSeconds * 1000
        return newEnd > endsAt ? newEnd : nil
    }
}
