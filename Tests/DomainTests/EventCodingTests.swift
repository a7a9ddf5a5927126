import AuctionDomain
import Foundation
import Testing

@Suite struct EventCodingTests {
    @Test func publicEventsHaveAStableJSONShape() throws {
        let envelope = PublicEventEnvelope(
            aggregate: .auction(auctionID), version: 3, commandID: "cmd-7", timestamp: t0,
            event: .priceChanged(PriceChanged(price: eur(8_50), leader: alice, reserveMet: true))
        )
        let json = String(decoding: try envelope.jsonData(), as: UTF8.self)
        #expect(json == #"{"auctionID":"auction-1","commandID":"cmd-7","data":{"leader":"alice","price":{"currency":"EUR","minorUnits":850},"reserveMet":true},"schemaVersion":1,"timestamp":1700000000000,"type":"priceChanged","version":3}"#)
        #expect(try PublicEventEnvelope.decode(json: Data(json.utf8)) == envelope)
    }

    @Test func userEventsCarryTheUserID() throws {
        let envelope = try UserRegistration.register(userID: alice, displayName: "Alice", commandID: "c", now: t0).get()
        let json = String(decoding: try envelope.jsonData(), as: UTF8.self)
        #expect(json.contains(#""userID":"alice""#) && !json.contains("auctionID"))
        #expect(try PublicEventEnvelope.decode(json: Data(json.utf8)) == envelope)
    }

    @Test func unknownTypesAreRejectedByName() {
        let json = #"{"auctionID":"a","commandID":"c","data":{},"schemaVersion":1,"timestamp":1,"type":"bidRetracted","version":1}"#
        #expect(throws: EventCodingError.unknownType("bidRetracted")) { try PublicEventEnvelope.decode(json: Data(json.utf8)) }
    }

    @Test func privateEventsDoNotDecodeAsPublicOnes() throws {
        let envelope = PrivateEventEnvelope(
            aggregate: .auction(auctionID), version: 2, commandID: "c", timestamp: t0,
            event: .maximumRecorded(MaximumRecorded(bidder: bob, maximum: eur(8_00)))
        )
        let data = try envelope.jsonData()
        #expect(throws: EventCodingError.unknownType("maximumRecorded")) { try PublicEventEnvelope.decode(json: data) }
        #expect(try PrivateEventEnvelope.decode(json: data) == envelope)
    }

    @Test("Other schema versions are rejected before anything else", arguments: [0, 2, 99])
    func unsupportedSchema(version: Int) {
        let json = #"{"schemaVersion":\#(version),"type":"whatever"}"#
        #expect(throws: EventCodingError.unsupportedSchemaVersion(version)) { try PublicEventEnvelope.decode(json: Data(json.utf8)) }
    }

    @Test("Malformed events are reported as malformed", arguments: [
        "not json",
        #"{"schemaVersion":1,"type":"endExtended","auctionID":"a","commandID":"c","timestamp":1,"data":{"endsAt":5}}"#,
        #"{"schemaVersion":1,"type":"endExtended","auctionID":"a","version":"x","commandID":"c","timestamp":1,"data":{"endsAt":5}}"#,
        #"{"schemaVersion":1,"type":"priceChanged","auctionID":"a","version":2,"commandID":"c","timestamp":1,"data":{"leader":"b","reserveMet":true,"price":{"currency":"EUR","minorUnits":-1}}}"#,
    ])
    func malformed(json: String) {
        #expect {
            try PublicEventEnvelope.decode(json: Data(json.utf8))
        } throws: { error in
            if case .malformed = error as? EventCodingError { true } else { false }
        }
    }

    @Test func everyEventTypeIsDocumented() throws {
        let docs = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/DomainTests/EventCodingTests.swift", with: "docs/events.md"), encoding: .utf8)
        for name in PublicEvent.Kind.allCases.map(\.rawValue) + PrivateEvent.Kind.allCases.map(\.rawValue) {
            #expect(docs.contains("`\(name)`"), "\(name) missing from docs/events.md")
        }
    }

    @Test func snapshotsRoundTripThroughJSON() throws {
        var harness = try AuctionHarness(draft(reserve: eur(20_00)))
        try harness.bid(alice, eur(10_00)).accepted()
        try harness.bid(bob, eur(30_00)).accepted()
        let state = try #require(harness.state)
        let decoded = try JSONDecoder().decode(AuctionState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }
}
