/// Identifies the command that produced an event, so a retried command can be recognised.
public struct CommandID: StringIdentifier {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
}
