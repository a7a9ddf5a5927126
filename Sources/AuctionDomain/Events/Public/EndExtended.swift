/// Soft close: a bid in the last seconds moved the end later.
public struct EndExtended: Hashable, Sendable, Codable {
    public let endsAt: EpochMilliseconds

    public init(endsAt: EpochMilliseconds) { self.endsAt = endsAt }
}
