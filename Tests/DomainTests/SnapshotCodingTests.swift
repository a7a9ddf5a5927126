import AuctionDomain
import Foundation
import PropertyBased
import Testing

/// The snapshot's hand-written JSON against Foundation's `Codable`: either reads what the other
/// writes, for states with any text (quotes, backslashes, controls, 4-byte scalars) in every string.
@Suite struct SnapshotCodingTests {
    /// Scalars that stress a JSON writer: quote, backslash, slash, controls, DEL, a 2-, 3- and
    /// 4-byte scalar, a combining mark and a bidi override.
    private static let pieces: [String] = ["\"", "\\", "/", "\u{0}", "\n", "\u{1F}", "\u{7F}", "é", "€", "😀", "e\u{301}", "\u{202E}", "a", "Z", " "]
    private static let text = Gen.int(in: 0..<pieces.count).array(of: 0...12).map { $0.map { pieces[$0] }.joined() }

    @Test func snapshotsRoundTripThroughBothCodecs() async {
        await propertyCheck(count: 200, input: Self.text, Self.text, Gen.int64(in: 1...400).array(of: 0...20)) { title, name, bids in
            var harness = try AuctionHarness(draft(title: title, description: name + "\n" + title, reserve: bids.isEmpty ? nil : eur(900)))
            for (index, cents) in bids.enumerated() {
                _ = try harness.bid(UserID("\(name)-\(index % 7)"), eur(100 + cents * 25), at: t0 + 1_000 + Int64(index))
            }
            let state = try #require(harness.state)
            let fast = state.snapshotJSON()
            #expect(try AuctionState(snapshotJSON: fast) == state)
            #expect(try JSONDecoder().decode(AuctionState.self, from: Data(fast)) == state)
            let foundation = try JSONEncoder().encode(state)
            #expect(try AuctionState(snapshotJSON: Array(foundation)) == state)
        }
    }

    @Test func malformedSnapshotsAreRefused() throws {
        let state = try #require(try AuctionHarness(draft()).state)
        let good = state.snapshotJSON()
        for broken in [Array(good.dropLast()), good + [0x20, 0x7B], Array("[]".utf8), Array(#"{"auctionID":1}"#.utf8), []] {
            #expect(throws: SnapshotDecodingError.self) { try AuctionState(snapshotJSON: broken) }
        }
        let badMoney = String(decoding: good, as: UTF8.self).replacingOccurrences(of: #""currency":"EUR""#, with: #""currency":"eur!""#)
        #expect(throws: SnapshotDecodingError.self) { try AuctionState(snapshotJSON: Array(badMoney.utf8)) }
    }
}
