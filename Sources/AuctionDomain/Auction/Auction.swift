/// The auction rules as two pure functions, event-sourcing style:
/// `decide(state?, command, now) -> events or violation` and `apply(state?, event) -> state`
/// (in `Auction+Apply.swift`). No I/O and no clock: `now` is Redis `TIME`, passed in.
public enum Auction {
    /// The increment table every auction uses.
    public static let incrementTable = BidIncrementTable.standard

    /// The events that `command` produces against `state` (`nil`: the auction does not exist yet),
    /// ordered as they must be applied: each private annex right after its public event.
    /// Versions continue from `state.version`; the caller appends them with that as the expected
    /// version, so a concurrent writer is detected.
    public static func decide(
        _ state: AuctionState?, _ command: AuctionCommand, commandID: CommandID, now: EpochMilliseconds
    ) -> Result<[DomainEvent], AuctionRuleViolation> {
        do throws(AuctionRuleViolation) {
            switch command {
            case .create(let auctionID, let draft):
                guard state == nil else { throw .auctionAlreadyExists }
                var recorder = EventRecorder(auctionID: auctionID, version: 0, commandID: commandID, now: now)
                try decideCreate(draft, now: now, into: &recorder)
                return .success(recorder.events)
            case .placeBid(let bidder, let maximum):
                let state = try openState(state)
                var recorder = EventRecorder(state: state, commandID: commandID, now: now)
                try decideBid(bidder: bidder, maximum: maximum, state: state, now: now, into: &recorder)
                return .success(recorder.events)
            case .cancel(let actor):
                let state = try openState(state)
                var recorder = EventRecorder(state: state, commandID: commandID, now: now)
                try decideCancel(actor: actor, state: state, now: now, into: &recorder)
                return .success(recorder.events)
            case .close:
                let state = try openState(state)
                var recorder = EventRecorder(state: state, commandID: commandID, now: now)
                try decideClose(state: state, now: now, into: &recorder)
                return .success(recorder.events)
            }
        } catch {
            return .failure(error)
        }
    }

    /// The state if the auction exists and is neither closed nor cancelled.
    private static func openState(_ state: AuctionState?) throws(AuctionRuleViolation) -> AuctionState {
        guard let state else { throw .auctionNotFound }
        switch state.phase {
        case .open: return state
        case .closed: throw .auctionClosed
        case .cancelled: throw .auctionCancelled
        }
    }
}
