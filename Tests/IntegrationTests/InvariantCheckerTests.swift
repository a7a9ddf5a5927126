import Foundation
import Testing

/// The InvariantChecker must be able to fail: each test corrupts its own copy of a real data set
/// (made by a CommandService and projected by a QueryService) and expects the checker to name
/// the breach and exit 1. The first test shows the untouched copy passes.
@Suite("InvariantChecker", .serialized)
struct InvariantCheckerTests {
    @Test("An untouched data set holds every invariant")
    func untouchedDataSetHolds() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        let result = try await fixture.check()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("RESULT: all checked invariants held"))
        #expect(result.output.contains("checked: acknowledged bids (distinct) = 3"))
        #expect(result.output.contains("checked: decisions re-decided = 3"))
    }

    @Test("A duplicated bid entry is reported as appended twice")
    func duplicateEntryIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        let events = try await fixture.publicEvents()
        let bid = try #require(events.first { $0["type"] as? String == "bidAccepted" })
        try await fixture.append(bid)
        let result = try await fixture.check(readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("duplicate or out-of-order version"))
        #expect(result.output.contains("is in the log 2 times"))
    }

    @Test("A version gap is reported")
    func versionGapIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        var event = try #require(try await fixture.publicEvents().last { $0["type"] as? String == "priceChanged" })
        let version = try #require(try await fixture.publicEvents().compactMap { $0["version"] as? Int }.max())
        event["version"] = version + 2
        event["commandID"] = "forged-gap"
        try await fixture.append(event)
        let result = try await fixture.check(readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("version gap: expected v\(version + 1)"))
    }

    @Test("A visible price that decreases is reported")
    func priceDecreaseIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        let events = try await fixture.publicEvents()
        var event = try #require(events.last { $0["type"] as? String == "priceChanged" })
        event["version"] = (events.compactMap { $0["version"] as? Int }.max() ?? 0) + 1
        event["commandID"] = "forged-price"
        var data = try #require(event["data"] as? [String: Any])
        data["price"] = ["currency": "EUR", "minorUnits": 1_100]
        event["data"] = data
        try await fixture.append(event)
        let result = try await fixture.check(readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("visible price decreased from 5000 to 1100"))
        #expect(result.output.contains("events no command produces"))
    }

    @Test("An acknowledged bid missing from the log is reported as lost")
    func lostAcknowledgedBidIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        let result = try await fixture.check(extraAcknowledged: ["bid-00000000000000000000000000000000"], readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("bid-00000000000000000000000000000000"))
        #expect(result.output.contains("is not in the log: an acknowledged bid was lost"))
    }

    @Test("A hidden maximum planted in a read-model table is reported")
    func plantedMaximumInReadModelIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        try await fixture.sql("UPDATE read_model.auctions SET description = 'Brass (bidder will go to 67.89)'")
        let result = try await fixture.check()
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("hidden amount \(InvariantCheckerFixture.hiddenMaximum) (minor units) of auction \(fixture.auctionID)"))
        #expect(result.output.contains("description is Brass (bidder will go to 67.89), log says Brass"))
    }

    @Test("A read model whose price differs from the log is reported")
    func wrongPriceInReadModelIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        try await fixture.sql("UPDATE read_model.auctions SET current_price_minor = 5100")
        let result = try await fixture.check()
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("current_price_minor is 5100, log says 5000"))
    }

    @Test("A hidden maximum in a captured REST response is reported, a public price is not")
    func hiddenAmountInCapturedSurfaceIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        try fixture.capture(#"{"auctionID":"\#(fixture.auctionID)","currentPrice":{"currency":"EUR","minorUnits":5000}}"#, auction: nil)
        let clean = try await fixture.check(readModel: false)
        #expect(clean.status == 0, "\(clean.output)")
        try fixture.capture(#"{"auctionID":"\#(fixture.auctionID)","currentPrice":{"currency":"EUR","minorUnits":6789}}"#, auction: nil)
        let result = try await fixture.check(readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("hidden amount 6789 (minor units) of auction \(fixture.auctionID) at $.currentPrice.minorUnits"))

        try fixture.capture(#"<p class="price">Current price <strong>€67.89</strong> (ends 2026-11-29 06:53)</p>"#, auction: fixture.auctionID)
        let page = try await fixture.check(readModel: false)
        #expect(page.status == 1, "\(page.output)")
        #expect(page.output.contains("hidden amount 6789 (minor units) of auction \(fixture.auctionID) at text"))
    }

    @Test("A bid accepted after the close is reported")
    func bidAfterCloseIsReported() async throws {
        let fixture = try await InvariantCheckerFixture.make()
        defer { fixture.stop() }
        let events = try await fixture.publicEvents()
        let last = try #require(events.last)
        let version = try #require(last["version"] as? Int)
        let envelope = { (type: String, version: Int, command: String, data: [String: Any]) -> [String: Any] in
            ["schemaVersion": 1, "type": type, "auctionID": fixture.auctionID, "version": version, "commandID": command,
             "timestamp": last["timestamp"] as? Int ?? 0, "data": data]
        }
        let bidder = try #require((events.first { $0["type"] as? String == "bidAccepted" }?["data"] as? [String: Any])?["bidder"] as? String)
        try await fixture.append(envelope("auctionClosed", version + 1, "forged-close", ["reserveMet": true, "bidCount": 3]))
        try await fixture.append(envelope("bidAccepted", version + 2, "forged-late-bid", ["bidder": bidder, "bidNumber": 4]))
        try await fixture.append(
            envelope("maximumRecorded", version + 2, "forged-late-bid", ["bidder": bidder, "maximum": ["currency": "EUR", "minorUnits": 9_000]]),
            stream: "auction:{p0}:private")
        let result = try await fixture.check(readModel: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("accepted auctionClosed that the rules refuse"))
        #expect(result.output.contains("accepted bidAccepted (after the close) that the rules refuse"))
    }
}
