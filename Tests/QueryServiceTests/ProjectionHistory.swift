import AuctionDomain

/// A reproducible auction history decided by the real domain rules (`Auction.decide`): users,
/// auctions with proxy bids, soft-close extensions, closes and cancellations, interleaved across
/// auctions in time order. `states` is what the domain predicts the read model must show.
struct ProjectionHistory {
    var events: [PublicEventEnvelope] = []
    var states: [AuctionID: AuctionState] = [:]
    var users: [UserID: String] = [:]
    private var random: SplitMix64
    private var now: EpochMilliseconds = 1_700_000_000_000
    private var commands = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Registers `userCount` users, lists `auctionCount` auctions and places about `bidCount` bids;
    /// then closes about two thirds of the auctions (cancelling some without bids).
    static func generate(seed: UInt64, userCount: Int, auctionCount: Int, bidCount: Int) throws -> ProjectionHistory {
        var history = ProjectionHistory(seed: seed)
        for index in 0..<userCount { try history.register(UserID("user-\(seed)-\(index)"), name: "User \(index) of \(seed)") }
        let users = history.users.keys.sorted { $0.rawValue < $1.rawValue }
        var auctions: [AuctionID] = []
        for index in 0..<auctionCount {
            let id = AuctionID("auction-\(seed)-\(index)")
            let seller = users[Int(history.random.next() % UInt64(users.count))]
            let reserve = history.random.next() % 3 == 0 ? try Money(minorUnits: 5_000, currency: .eur) : nil
            let draft = AuctionDraft(
                seller: seller, title: "Lot \(index)", description: "Item \(index)\nwith\ttabs \\ and newlines",
                startingPrice: try Money(minorUnits: 1_000, currency: .eur), reservePrice: reserve,
                endsAt: history.now + 600_000 + Int64(history.random.next() % 36_000_000),
                softClose: SoftClosePolicy(windowSeconds: 120, extensionSeconds: 60))
            try history.decide(id, .create(auctionID: id, draft: draft))
            auctions.append(id)
        }
        for _ in 0..<bidCount {
            let open = auctions.filter { history.states[$0]?.phase == .open && history.now < history.states[$0]!.endsAt }
            guard !open.isEmpty else { break }
            var id = open[Int(history.random.next() % UInt64(open.count))]
            // Some bids go to the auction ending soonest, in its soft-close window: that extends it.
            // Jumping to the soonest end expires no other auction.
            if history.random.next() % 10 == 0, let soonest = open.min(by: { history.states[$0]!.endsAt < history.states[$1]!.endsAt }) {
                id = soonest
                history.now = max(history.now, history.states[id]!.endsAt - 30_000)
            }
            guard let state = history.states[id], let minimum = state.minimumBid else { continue }
            let bidder = users[Int(history.random.next() % UInt64(users.count))]
            guard bidder != state.seller else { continue }
            let maximum = try Money(minorUnits: minimum.minorUnits + Int64(history.random.next() % 3_000), currency: .eur)
            try history.decide(id, .placeBid(bidder: bidder, maximum: maximum))
        }
        // Cancellations first (only an open auction without bids, before its end), then closes in
        // end order, each at its end.
        for id in auctions where history.states[id]?.bidCount == 0 && history.random.next() % 2 == 0 {
            guard let state = history.states[id], state.phase == .open, history.now < state.endsAt else { continue }
            try history.decide(id, .cancel(actor: state.seller))
        }
        let closing = auctions.filter { history.states[$0]?.phase == .open && history.random.next() % 3 != 0 }
        for id in closing.sorted(by: { history.states[$0]!.endsAt < history.states[$1]!.endsAt }) {
            history.now = max(history.now, history.states[id]!.endsAt)
            try history.decide(id, .close)
        }
        return history
    }

    private mutating func tick() {
        now += 1 + Int64(random.next() % 2_000)
        commands += 1
    }

    private mutating func register(_ user: UserID, name: String) throws {
        tick()
        let event = try UserRegistration.register(userID: user, displayName: name, commandID: CommandID("c\(commands)"), now: now).get()
        users[user] = name
        events.append(event)
    }

    /// Decides `command` and keeps its public events; a rule violation is simply skipped.
    private mutating func decide(_ id: AuctionID, _ command: AuctionCommand) throws {
        tick()
        guard case .success(let decided) = Auction.decide(states[id], command, commandID: CommandID("c\(commands)"), now: now) else {
            return
        }
        var state = states[id]
        for event in decided {
            state = try Auction.apply(state, event)
            if let envelope = event.publicEnvelope { events.append(envelope) }
        }
        states[id] = state
    }
}

/// A tiny deterministic random generator, so that a failing history can be reproduced by seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
