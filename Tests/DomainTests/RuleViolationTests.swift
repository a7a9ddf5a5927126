import AuctionDomain
import Testing

/// One refused command after a setup, on an auction created at `t0` that starts at `t0 + 1 s`,
/// ends at `t0 + 1 h`, starts at 1.00 EUR.
struct ViolationCase: CustomTestStringConvertible, Sendable {
    let name: String
    var setup: [(AuctionCommand, EpochMilliseconds)] = []
    let command: AuctionCommand
    var at: EpochMilliseconds = t0 + 10_000
    let expected: AuctionRuleViolation
    var testDescription: String { name }
}

private let during = t0 + 10_000
private let afterEnd = t0 + hour

@Suite struct RuleViolationTests {
    static let cases: [ViolationCase] = [
        ViolationCase(name: "bid before start", command: .placeBid(bidder: alice, maximum: eur(5_00)), at: t0,
                      expected: .auctionNotStarted(startsAt: t0 + 1_000)),
        ViolationCase(name: "bid at the end", command: .placeBid(bidder: alice, maximum: eur(5_00)), at: afterEnd,
                      expected: .auctionEnded),
        ViolationCase(name: "seller bids", command: .placeBid(bidder: seller, maximum: eur(5_00)), expected: .sellerCannotBid),
        ViolationCase(name: "first bid below start", command: .placeBid(bidder: alice, maximum: eur(99)),
                      expected: .bidTooLow(minimum: eur(1_00))),
        ViolationCase(name: "bid below price + increment", setup: [(.placeBid(bidder: alice, maximum: eur(10_00)), during)],
                      command: .placeBid(bidder: bob, maximum: eur(1_24)), expected: .bidTooLow(minimum: eur(1_25))),
        ViolationCase(name: "bid in another currency", command: .placeBid(bidder: alice, maximum: usd(5_00)),
                      expected: .currencyMismatch(expected: .eur, actual: .usd)),
        ViolationCase(name: "leader lowers own maximum", setup: [(.placeBid(bidder: alice, maximum: eur(10_00)), during)],
                      command: .placeBid(bidder: alice, maximum: eur(9_00)), expected: .maximumNotRaised(currentMaximum: eur(10_00))),
        ViolationCase(name: "bid on closed auction", setup: [(.close, afterEnd)],
                      command: .placeBid(bidder: alice, maximum: eur(5_00)), expected: .auctionClosed),
        ViolationCase(name: "bid on cancelled auction", setup: [(.cancel(actor: seller), during)],
                      command: .placeBid(bidder: alice, maximum: eur(5_00)), expected: .auctionCancelled),
        ViolationCase(name: "cancel by someone else", command: .cancel(actor: alice), expected: .notSeller),
        ViolationCase(name: "cancel with bids", setup: [(.placeBid(bidder: alice, maximum: eur(5_00)), during)],
                      command: .cancel(actor: seller), expected: .cannotCancelWithBids),
        ViolationCase(name: "cancel after end", command: .cancel(actor: seller), at: afterEnd, expected: .auctionEnded),
        ViolationCase(name: "cancel twice", setup: [(.cancel(actor: seller), during)], command: .cancel(actor: seller),
                      expected: .auctionCancelled),
        ViolationCase(name: "close before end", command: .close, at: afterEnd - 1, expected: .auctionNotEnded(endsAt: afterEnd)),
        ViolationCase(name: "close twice", setup: [(.close, afterEnd)], command: .close, at: afterEnd, expected: .auctionClosed),
        ViolationCase(name: "bid when no higher amount exists",
                      setup: [(.placeBid(bidder: alice, maximum: eur(Money.maximumMinorUnits)), during),
                              (.placeBid(bidder: bob, maximum: eur(Money.maximumMinorUnits)), during)],
                      command: .placeBid(bidder: carol, maximum: eur(Money.maximumMinorUnits)), expected: .biddingLimitReached),
    ]

    @Test("Each rule violation is reported", arguments: cases)
    func violation(_ testCase: ViolationCase) throws {
        var harness = try AuctionHarness(draft(startsAt: t0 + 1_000))
        for (command, time) in testCase.setup {
            #expect(try harness.run(command, at: time).violation == nil)
        }
        let before = harness.state
        #expect(try harness.run(testCase.command, at: testCase.at).violation == testCase.expected)
        #expect(harness.state == before)
    }

    @Test func commandsOnAMissingAuctionAreRejected() {
        for command in [AuctionCommand.placeBid(bidder: alice, maximum: eur(1_00)), .cancel(actor: seller), .close] {
            #expect(Auction.decide(nil, command, commandID: "c", now: t0).violation == .auctionNotFound)
        }
    }

    @Test func tooLowMessageNamesTheMinimum() {
        let violation = AuctionRuleViolation.bidTooLow(minimum: eur(8_50))
        #expect(violation.description == "Your maximum bid must be at least 8.50 EUR.")
        #expect(violation.code == "bidTooLow")
    }
}
