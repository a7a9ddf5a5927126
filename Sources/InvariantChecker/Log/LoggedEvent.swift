import AuctionDomain
import Shared

/// One decoded stream entry: where it is (stream and entry ID, to name it in a breach) and its
/// envelope.
struct LoggedEvent<Event: EventKind>: Sendable {
    let stream: String
    let entryID: RedisStreamEntryID
    let envelope: EventEnvelope<Event>

    /// `stream entryID (type vN, command C)`: how a breach names the entry.
    var label: String {
        "\(stream) \(entryID) (\(envelope.event.typeName) v\(envelope.version), command \(envelope.commandID))"
    }
}
