/// Identifies one auction, and so one event stream of versions 1, 2, 3…
public struct AuctionID: StringIdentifier {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
}
