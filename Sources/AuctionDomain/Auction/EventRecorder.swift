/// Wraps the events of one decision in envelopes, numbering public events contiguously from the
/// state's version and giving each private annex the version of the public event before it.
struct EventRecorder {
    private let aggregate: AggregateID
    private let commandID: CommandID
    private let now: EpochMilliseconds
    private var version: Int64
    private(set) var events: [DomainEvent] = []

    init(auctionID: AuctionID, version: Int64, commandID: CommandID, now: EpochMilliseconds) {
        aggregate = .auction(auctionID)
        self.version = version
        self.commandID = commandID
        self.now = now
    }

    init(state: AuctionState, commandID: CommandID, now: EpochMilliseconds) {
        self.init(auctionID: state.auctionID, version: state.version, commandID: commandID, now: now)
    }

    mutating func record(_ event: PublicEvent) {
        version += 1
        events.append(.public(EventEnvelope(aggregate: aggregate, version: version, commandID: commandID, timestamp: now, event: event)))
    }

    /// Private facts always follow a public event, so a first annex has a version to attach to.
    mutating func annex(_ event: PrivateEvent) {
        events.append(.private(EventEnvelope(aggregate: aggregate, version: version, commandID: commandID, timestamp: now, event: event)))
    }
}
