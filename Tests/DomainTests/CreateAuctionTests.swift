import AuctionDomain
import Testing

@Suite struct CreateAuctionTests {
    /// One draft per violation, decided at `t0`.
    static let invalidDrafts: [(String, AuctionDraft, AuctionRuleViolation)] = [
        ("blank title", draft(title: "  \n "), .titleEmpty),
        ("title of 201 characters", draft(title: String(repeating: "é", count: 201)), .titleTooLong(maximum: 200)),
        ("description of 5001 characters", draft(description: String(repeating: "a", count: 5_001)),
         .descriptionTooLong(maximum: 5_000)),
        ("reserve below start", draft(start: eur(10_00), reserve: eur(9_99)),
         .reserveBelowStartingPrice(startingPrice: eur(10_00))),
        ("reserve in another currency", draft(reserve: usd(5_00)),
         .currencyMismatch(expected: .eur, actual: .usd)),
        ("start in the past", draft(startsAt: t0 - 1), .startInPast),
        ("start after 90 days", draft(startsAt: t0 + 91 * 24 * hour, endsAt: t0 + 92 * 24 * hour), .startTooFarAhead),
        ("end before start", draft(endsAt: t0 - hour), .durationTooShort(minimumSeconds: 60)),
        ("end equal to start", draft(endsAt: t0), .durationTooShort(minimumSeconds: 60)),
        ("59 seconds", draft(endsAt: t0 + 59_000), .durationTooShort(minimumSeconds: 60)),
        ("31 days", draft(endsAt: t0 + 31 * 24 * hour), .durationTooLong(maximumSeconds: 30 * 86_400)),
        ("end far in the Int64 future", draft(endsAt: .max), .durationTooLong(maximumSeconds: 30 * 86_400)),
        ("soft-close window over an hour", draft(softClose: SoftClosePolicy(windowSeconds: 3_601, extensionSeconds: 60)),
         .softCloseOutOfRange(maximumSeconds: 3_600)),
        ("negative extension", draft(softClose: SoftClosePolicy(windowSeconds: 60, extensionSeconds: -1)),
         .softCloseOutOfRange(maximumSeconds: 3_600)),
    ]

    @Test("Invalid drafts are rejected with the matching violation", arguments: invalidDrafts)
    func invalidDraft(name: String, draft: AuctionDraft, violation: AuctionRuleViolation) {
        let result = Auction.decide(nil, .create(auctionID: auctionID, draft: draft), commandID: "c", now: t0)
        #expect(result.violation == violation, "\(name)")
    }

    @Test func aValidDraftCreatesTheAuctionWithTrimmedTextAndAPrivateReserve() throws {
        let created = draft(title: "  Camera  ", description: " Nice ", reserve: eur(50_00))
        let events = try Auction.decide(nil, .create(auctionID: auctionID, draft: created), commandID: "c1", now: t0).get()
        #expect(events.count == 2)
        let first = try #require(events.first?.publicEnvelope)
        #expect(first.version == 1 && first.commandID == "c1" && first.timestamp == t0)
        guard case .auctionCreated(let payload) = first.event else { Issue.record("not auctionCreated"); return }
        #expect(payload.title == "Camera" && payload.description == "Nice" && payload.hasReserve)
        #expect(payload.startsAt == t0)
        #expect(events.last?.privateEnvelope?.event == .auctionTermsRecorded(AuctionTermsRecorded(reservePrice: eur(50_00))))
        let state = try #require(try Auction.replay(events))
        #expect(state.reservePrice == eur(50_00) && state.price == eur(1_00) && !state.reserveMet)
    }

    @Test("Title limits count Characters, not bytes", arguments: [1, 200])
    func titleAtTheLimits(length: Int) throws {
        let title = String(repeating: "👍🏽", count: length)
        let result = Auction.decide(nil, .create(auctionID: auctionID, draft: draft(title: title)), commandID: "c", now: t0)
        #expect(result.violation == nil)
    }

    @Test func anAuctionCannotBeCreatedTwice() throws {
        var harness = try AuctionHarness(draft())
        #expect(try harness.run(.create(auctionID: auctionID, draft: draft()), at: t0).violation == .auctionAlreadyExists)
    }

    @Test("Display names are trimmed and 1 to 50 characters", arguments: [("Ann", true), ("   ", false),
        (String(repeating: "x", count: 50), true), (String(repeating: "x", count: 51), false)])
    func registration(name: String, valid: Bool) throws {
        let result = UserRegistration.register(userID: alice, displayName: name, commandID: "c", now: t0)
        #expect((result.violation == nil) == valid)
        if valid { #expect(try result.get().version == 1 && result.get().aggregate == .user(alice)) }
    }
}
