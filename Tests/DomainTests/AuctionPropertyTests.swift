import AuctionDomain
import Foundation
import PropertyBased
import Testing

/// One random step: a bid by one of four users (the seller included, to be refused), a close or a
/// cancel, some milliseconds after the previous step.
struct Step: Sendable, CustomStringConvertible {
    let kind: Int
    let user: Int
    let cents: Int64
    let delay: Int64
    var description: String { "(\(kind),\(user),\(cents),+\(delay))" }
}

/// The auction's terms: starting price, optional reserve, duration.
struct Terms: Sendable, CustomStringConvertible {
    let start: Int64
    let reserve: Int64?
    let minutes: Int64
    var description: String { "start \(start) reserve \(reserve.map(String.init) ?? "-") \(minutes) min" }
}

private let users: [UserID] = [seller, alice, bob, carol]

// Maximums are multiples of 0.25 up to 40.00 so that equal maximums (ties) come up often.
private let stepGen = zip(Gen.int(in: 0...24), Gen.int(in: 0...3), Gen.int64(in: 1...160), Gen.int64(in: 0...240_000))
    .map { Step(kind: $0.0, user: $0.1, cents: $0.2 * 25, delay: $0.3) }
private let termsGen = zip(Gen.int64(in: 1...500), Gen.int64(in: 0...3_000).optional, Gen.int64(in: 1...60))
    .map { values in Terms(start: values.0, reserve: values.1.map { values.0 + $0 }, minutes: values.2) }

@Suite struct AuctionPropertyTests {
    @Test func randomHistoriesKeepEveryInvariant() async {
        await propertyCheck(count: 300, input: termsGen, stepGen.array(of: 1...40)) { terms, steps in
            try Self.check(terms: terms, steps: steps)
        }
    }

    /// Runs the steps, checking the invariants after every accepted command, then closes.
    static func check(terms: Terms, steps: [Step]) throws {
        var harness = try AuctionHarness(draft(start: eur(terms.start), reserve: terms.reserve.map(eur),
                                               endsAt: t0 + terms.minutes * 60_000))
        var model = BiddingModel()
        var now = t0
        var lastPrice = eur(terms.start).minorUnits
        for (index, step) in steps.enumerated() {
            now += step.delay
            let command: AuctionCommand = switch step.kind {
            case 0: .cancel(actor: seller)
            case 1: .close
            default: .placeBid(bidder: users[step.user], maximum: eur(step.cents))
            }
            let before = harness.state
            let result = try harness.run(command, at: now)
            guard case .success = result else {
                #expect(harness.state == before)
                continue
            }
            if case .placeBid(let bidder, let maximum) = command { model.accept(bidder, maximum.minorUnits, at: index) }
            let state = try #require(harness.state)
            #expect(state.price.minorUnits >= lastPrice, "price decreased")
            lastPrice = state.price.minorUnits
            model.checkStanding(state)
        }
        try harness.run(.close, at: now + 10 * hour)
        try checkLog(harness)
    }

    /// Log-wide invariants: contiguous versions, replay equals the live state, JSON round trips,
    /// and no hidden amount in the public JSON.
    static func checkLog(_ harness: AuctionHarness) throws {
        let publicEnvelopes = harness.log.compactMap(\.publicEnvelope)
        #expect(publicEnvelopes.map(\.version) == Array(1...Int64(publicEnvelopes.count)))
        var lastPublic: Int64 = 0
        for event in harness.log {
            if let envelope = event.publicEnvelope { lastPublic = envelope.version }
            if let envelope = event.privateEnvelope { #expect(envelope.version == lastPublic) }
        }
        #expect(try Auction.replay(harness.log) == harness.state)
        let merged = DomainEvent.merge(public: publicEnvelopes, private: harness.log.compactMap(\.privateEnvelope))
        #expect(try Auction.replay(merged) == harness.state)

        let hidden = hiddenAmounts(harness)
        for envelope in publicEnvelopes {
            let json = try envelope.jsonData()
            #expect(try PublicEventEnvelope.decode(json: json) == envelope)
            let text = String(decoding: json, as: UTF8.self)
            #expect(!text.contains("maximum") && !text.contains("reservePrice"))
            for amount in hidden { #expect(!text.contains(#""minorUnits":\#(amount)}"#), "hidden \(amount) in \(text)") }
        }
        for envelope in harness.log.compactMap(\.privateEnvelope) {
            #expect(try PrivateEventEnvelope.decode(json: envelope.jsonData()) == envelope)
        }
        if let state = harness.state, state.phase == .closed, case .auctionClosed(let closed) = publicEnvelopes.last?.event {
            #expect(closed.winner == (state.reserveMet ? state.leader : nil))
            #expect(closed.finalPrice == (closed.winner == nil ? nil : state.price))
        }
    }

    /// Maximums and the reserve that never became a visible price (starting price, any price shown).
    static func hiddenAmounts(_ harness: AuctionHarness) -> Set<Int64> {
        var visible: Set<Int64> = []
        var secret: Set<Int64> = []
        for event in harness.log {
            switch event.publicEnvelope?.event {
            case .auctionCreated(let created): visible.insert(created.startingPrice.minorUnits)
            case .priceChanged(let change): visible.insert(change.price.minorUnits)
            default: break
            }
            switch event.privateEnvelope?.event {
            case .maximumRecorded(let recorded): secret.insert(recorded.maximum.minorUnits)
            case .auctionTermsRecorded(let terms): secret.insert(terms.reservePrice.minorUnits)
            case nil: break
            }
        }
        return secret.subtracting(visible)
    }
}
