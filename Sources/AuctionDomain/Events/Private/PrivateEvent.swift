/// Facts only the CommandService may read: hidden maximums and the reserve. They live in a
/// private stream; each is an annex of the public event with the same version and is applied
/// right after it.
public enum PrivateEvent: EventKind {
    case maximumRecorded(MaximumRecorded)
    case auctionTermsRecorded(AuctionTermsRecorded)

    /// The `type` discriminators, in declaration order.
    public enum Kind: String, CaseIterable, Sendable {
        case maximumRecorded, auctionTermsRecorded
    }

    public var kind: Kind {
        switch self {
        case .maximumRecorded: .maximumRecorded
        case .auctionTermsRecorded: .auctionTermsRecorded
        }
    }

    public var typeName: String { kind.rawValue }

    public func encodeData(to encoder: any Encoder) throws {
        switch self {
        case .maximumRecorded(let payload): try payload.encode(to: encoder)
        case .auctionTermsRecorded(let payload): try payload.encode(to: encoder)
        }
    }

    public init(typeName: String, data decoder: any Decoder) throws {
        guard let kind = Kind(rawValue: typeName) else { throw EventCodingError.unknownType(typeName) }
        switch kind {
        case .maximumRecorded: self = .maximumRecorded(try MaximumRecorded(from: decoder))
        case .auctionTermsRecorded: self = .auctionTermsRecorded(try AuctionTermsRecorded(from: decoder))
        }
    }
}
