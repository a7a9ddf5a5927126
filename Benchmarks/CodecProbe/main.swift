import AuctionDomain
import Foundation

func time(_ label: String, _ n: Int, _ body: () throws -> Void) rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<n { try body() }
    let us = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n) / 1000
    print(label, String(format: "%.1f us", us))
}
let draft = AuctionDraft(seller: "seller", title: "A lamp", startingPrice: try Money(minorUnits: 500, currency: .eur), reservePrice: nil, endsAt: 1_900_001_000_000, softClose: .standard)
var events = try Auction.decide(nil, .create(auctionID: "a1", draft: draft), commandID: "c0", now: 1_900_000_000_000).get()
var state: AuctionState? = nil
for e in events { state = try Auction.apply(state, e) }
var last: [DomainEvent] = []
for i in 0..<64 {
    let d = Auction.decide(state, .placeBid(bidder: UserID("bidder-\(i)-6a0f3c1d-2b4e-4f58"), maximum: try Money(minorUnits: 1000 + Int64(i) * 100, currency: .eur)), commandID: CommandID("c\(i)"), now: 1_900_000_000_000)
    last = try d.get()
    for e in last { state = try Auction.apply(state, e) }
}
let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
let bytes = try enc.encode(state!)
print("state bytes", bytes.count, "events per bid", last.count)
try time("state encode", 2000) { _ = try enc.encode(state!) }
try time("state decode", 2000) { _ = try JSONDecoder().decode(AuctionState.self, from: bytes) }
try time("event envelopes encode (one bid)", 2000) { for e in last { if let p = e.publicEnvelope { _ = try p.jsonData() }; if let q = e.privateEnvelope { _ = try q.jsonData() } } }
time("decide+apply one bid", 2000) { let d = Auction.decide(state, .placeBid(bidder: "zed", maximum: try! Money(minorUnits: 99_000, currency: .eur)), commandID: "cz", now: 1_900_000_000_000); var s = state; for e in (try! d.get()) { s = try! Auction.apply(s, e) } ; _ = s }
struct BidBody: Decodable { let maximum: Money }
let body = Data(#"{"maximum":{"currency":"EUR","minorUnits":1200}}"#.utf8)
try time("bid body decode", 2000) { _ = try JSONDecoder().decode(BidBody.self, from: body) }
print(String(decoding: bytes.prefix(700), as: UTF8.self))
let o = try JSONSerialization.jsonObject(with: bytes)
try time("JSONSerialization parse", 2000) { _ = try JSONSerialization.jsonObject(with: bytes) }
_ = o
time("snapshotJSON encode", 2000) { _ = state!.snapshotJSON() }
let fast = state!.snapshotJSON()
try time("snapshotJSON decode", 2000) { _ = try AuctionState(snapshotJSON: fast) }
print("roundtrip", try AuctionState(snapshotJSON: fast) == state!, try AuctionState(snapshotJSON: Array(bytes)) == state!, try JSONDecoder().decode(AuctionState.self, from: Data(fast)) == state!)
