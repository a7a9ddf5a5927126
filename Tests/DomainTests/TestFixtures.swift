import AuctionDomain

/// Euro amounts from literal cents; every literal used in the tests is in range.
func eur(_ cents: Int64) -> Money {
    try! Money(minorUnits: cents, currency: .eur)
}

let seller: UserID = "seller"
let alice: UserID = "alice"
let bob: UserID = "bob"
let carol: UserID = "carol"
let auctionID: AuctionID = "auction-1"
let t0: EpochMilliseconds = 1_700_000_000_000
let hour: EpochMilliseconds = 3_600_000

func draft(
    title: String = "Vintage camera", description: String = "", start: Money = eur(1_00), reserve: Money? = nil,
    startsAt: EpochMilliseconds? = nil, endsAt: EpochMilliseconds = t0 + hour, softClose: SoftClosePolicy = .standard
) -> AuctionDraft {
    AuctionDraft(
        seller: seller, title: title, description: description, startingPrice: start, reservePrice: reserve,
        startsAt: startsAt, endsAt: endsAt, softClose: softClose
    )
}

/// Drives one auction the way the CommandService does: decide, then fold the events with
/// `Auction.apply`, keeping the whole log.
struct AuctionHarness {
    private(set) var state: AuctionState?
    private(set) var log: [DomainEvent] = []
    private var commandNumber = 0

    init() {}

    init(_ draft: AuctionDraft, at now: EpochMilliseconds = t0) throws {
        _ = try run(.create(auctionID: auctionID, draft: draft), at: now).get()
    }

    /// Decides and applies; returns the decision so a test can inspect events or the violation.
    @discardableResult
    mutating func run(_ command: AuctionCommand, at now: EpochMilliseconds) throws -> Result<[DomainEvent], AuctionRuleViolation> {
        commandNumber += 1
        let result = Auction.decide(state, command, commandID: CommandID("cmd-\(commandNumber)"), now: now)
        if case .success(let events) = result {
            for event in events { state = try Auction.apply(state, event) }
            log += events
        }
        return result
    }

    mutating func bid(_ bidder: UserID, _ maximum: Money, at now: EpochMilliseconds = t0 + 1_000) throws
        -> Result<[DomainEvent], AuctionRuleViolation>
    {
        try run(.placeBid(bidder: bidder, maximum: maximum), at: now)
    }

    var publicEvents: [PublicEvent] { log.compactMap { $0.publicEnvelope?.event } }
}

extension Result {
    /// `get()` for steps whose events the test does not inspect.
    @discardableResult
    func accepted() throws -> Success { try get() }

    var violation: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}

func usd(_ cents: Int64) -> Money {
    try! Money(minorUnits: cents, currency: .usd)
}
