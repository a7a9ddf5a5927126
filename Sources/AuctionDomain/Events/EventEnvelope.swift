/// One event as it is stored and sent: the payload plus where it belongs in its stream.
///
/// For public events `version` is the position in the aggregate's stream: 1, 2, 3… with no gaps.
/// A private event has no position of its own: its `version` is that of the public event it
/// annexes, and it is applied right after that event (see ``DomainEvent/merge(public:private:)``).
public struct EventEnvelope<Event: EventKind>: Hashable, Sendable {
    public let aggregate: AggregateID
    public let version: Int64
    public let commandID: CommandID
    /// When the command was decided, from the single clock (Redis `TIME`).
    public let timestamp: EpochMilliseconds
    public let schemaVersion: Int
    public let event: Event

    public init(
        aggregate: AggregateID, version: Int64, commandID: CommandID, timestamp: EpochMilliseconds,
        schemaVersion: Int = EventSchema.currentVersion, event: Event
    ) {
        self.aggregate = aggregate
        self.version = version
        self.commandID = commandID
        self.timestamp = timestamp
        self.schemaVersion = schemaVersion
        self.event = event
    }
}

/// An event of the public stream, readable by every QueryService.
public typealias PublicEventEnvelope = EventEnvelope<PublicEvent>
/// An event of the private stream, read only by the CommandService.
public typealias PrivateEventEnvelope = EventEnvelope<PrivateEvent>
