import AuctionDomain

/// How a command ended, as far as the executor is concerned.
enum CommandExecution: Sendable {
    /// Decided now. `events` were appended (empty for a rejection); `state` is the auction after
    /// them (nil when there is none); `entryIDs` are the public events' stream positions.
    case decided(CommandRecord, entryIDs: [String], events: [DomainEvent], state: AuctionState?)
    /// A retry: the command had already run; its stored outcome, nothing appended.
    case replayed(CommandRecord, entryIDs: [String])

    var record: CommandRecord {
        switch self {
        case .decided(let record, _, _, _), .replayed(let record, _): record
        }
    }

    var entryIDs: [String] {
        switch self {
        case .decided(_, let entryIDs, _, _), .replayed(_, let entryIDs): entryIDs
        }
    }
}
