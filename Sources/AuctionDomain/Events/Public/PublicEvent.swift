/// Everything the outside world may see: the payloads of the public stream that the projectors
/// fold into read models. None carries a bidder's maximum or the reserve amount.
public enum PublicEvent: EventKind {
    case userRegistered(UserRegistered)
    case auctionCreated(AuctionCreated)
    case bidAccepted(BidAccepted)
    case priceChanged(PriceChanged)
    case endExtended(EndExtended)
    case auctionClosed(AuctionClosed)
    case auctionCancelled(AuctionCancelled)

    /// The `type` discriminators, in declaration order.
    public enum Kind: String, CaseIterable, Sendable {
        case userRegistered, auctionCreated, bidAccepted, priceChanged, endExtended, auctionClosed, auctionCancelled
    }

    public var kind: Kind {
        switch self {
        case .userRegistered: .userRegistered
        case .auctionCreated: .auctionCreated
        case .bidAccepted: .bidAccepted
        case .priceChanged: .priceChanged
        case .endExtended: .endExtended
        case .auctionClosed: .auctionClosed
        case .auctionCancelled: .auctionCancelled
        }
    }

    public var typeName: String { kind.rawValue }

    public func encodeData(to encoder: any Encoder) throws {
        switch self {
        case .userRegistered(let payload): try payload.encode(to: encoder)
        case .auctionCreated(let payload): try payload.encode(to: encoder)
        case .bidAccepted(let payload): try payload.encode(to: encoder)
        case .priceChanged(let payload): try payload.encode(to: encoder)
        case .endExtended(let payload): try payload.encode(to: encoder)
        case .auctionClosed(let payload): try payload.encode(to: encoder)
        case .auctionCancelled(let payload): try payload.encode(to: encoder)
        }
    }

    public init(typeName: String, data decoder: any Decoder) throws {
        guard let kind = Kind(rawValue: typeName) else { throw EventCodingError.unknownType(typeName) }
        switch kind {
        case .userRegistered: self = .userRegistered(try UserRegistered(from: decoder))
        case .auctionCreated: self = .auctionCreated(try AuctionCreated(from: decoder))
        case .bidAccepted: self = .bidAccepted(try BidAccepted(from: decoder))
        case .priceChanged: self = .priceChanged(try PriceChanged(from: decoder))
        case .endExtended: self = .endExtended(try EndExtended(from: decoder))
        case .auctionClosed: self = .auctionClosed(try AuctionClosed(from: decoder))
        case .auctionCancelled: self = .auctionCancelled(try AuctionCancelled(from: decoder))
        }
    }
}
