/// Identifies a registered user: a seller or a bidder.
public struct UserID: StringIdentifier {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// Lets snapshots encode `[UserID: Money]` as a JSON object keyed by user id.
extension UserID: CodingKeyRepresentable {
    public var codingKey: any CodingKey { Key(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
