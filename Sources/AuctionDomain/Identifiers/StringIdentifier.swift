/// An opaque identifier spelled as a string: compared for equality only, encoded in JSON as a
/// bare string. `AuctionID`, `UserID` and `CommandID` are distinct types (a user id cannot be
/// passed where an auction id is expected) that share this one implementation.
public protocol StringIdentifier: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier as the services spell it.
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
