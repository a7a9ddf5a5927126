import AuctionDomain
import Foundation
import Shared

/// Appends public events straight to the streams, exactly as the CommandService stores them
/// (`XADD <partition stream> * type <type> event <json>`), so that read-side scenarios (fan-out,
/// projection catch-up) run without the write path in the way.
struct EventWriter {
    let redis: RedisClient
    let layout: EventStreamLayout
    /// Entries per pipelined round trip.
    var batchSize = 500

    /// One `XADD` of `envelope` to the stream its aggregate belongs to.
    func command(for envelope: PublicEventEnvelope) throws -> [RedisArgument] {
        let stream: String
        switch envelope.aggregate {
        case .auction(let id): stream = layout.publicStream(partition: layout.partition(of: id))
        case .user: stream = EventStreamLayout.userStream
        }
        let json = try envelope.jsonData()
        return ["XADD", RedisArgument(stream), "*", RedisArgument(EventStreamLayout.typeField), RedisArgument(envelope.event.typeName),
                RedisArgument(EventStreamLayout.eventField), RedisArgument(Array(json))]
    }

    /// Appends `envelopes` in order, `batchSize` per round trip; throws on the first error reply.
    func append(_ envelopes: [PublicEventEnvelope]) async throws {
        var start = 0
        while start < envelopes.count {
            let batch = try envelopes[start..<min(start + batchSize, envelopes.count)].map(command(for:))
            let replies = try await redis.pipeline(batch)
            if let error = replies.compactMap(\.errorMessage).first { throw LoadError("XADD failed: \(error)") }
            start += batch.count
        }
    }
}

/// Builders of the public events the read-side scenarios append.
enum SyntheticEvents {
    // "EUR" is a valid ISO 4217 code: this cannot throw.
    static let euro = try! Currency(code: "EUR")

    static func envelope(_ aggregate: AggregateID, version: Int64, at timestamp: Int64, _ event: PublicEvent) -> PublicEventEnvelope {
        PublicEventEnvelope(
            aggregate: aggregate, version: version, commandID: CommandID(UUID().uuidString.lowercased()),
            timestamp: timestamp, event: event)
    }

    static func user(_ id: UserID, name: String, at timestamp: Int64) -> PublicEventEnvelope {
        envelope(.user(id), version: 1, at: timestamp, .userRegistered(UserRegistered(userID: id, displayName: name)))
    }

    /// An auction open from `timestamp` for a day, starting at 10.00 EUR, no reserve.
    static func auction(_ id: AuctionID, seller: UserID, at timestamp: Int64) throws -> PublicEventEnvelope {
        let created = AuctionCreated(
            seller: seller, title: "Benchmark lot \(id.rawValue)", description: "A lot listed by the benchmark.",
            startingPrice: try Money(minorUnits: 10_00, currency: euro), hasReserve: false,
            startsAt: timestamp, endsAt: timestamp + 86_400_000, softClose: SoftClosePolicy(windowSeconds: 60, extensionSeconds: 60))
        return envelope(.auction(id), version: 1, at: timestamp, .auctionCreated(created))
    }

    static func priceChanged(_ id: AuctionID, version: Int64, minorUnits: Int64, leader: UserID, at timestamp: Int64) throws -> PublicEventEnvelope {
        let change = PriceChanged(price: try Money(minorUnits: minorUnits, currency: euro), leader: leader, reserveMet: true)
        return envelope(.auction(id), version: version, at: timestamp, .priceChanged(change))
    }

    static func bidAccepted(_ id: AuctionID, version: Int64, bidder: UserID, number: Int, at timestamp: Int64) -> PublicEventEnvelope {
        envelope(.auction(id), version: version, at: timestamp, .bidAccepted(BidAccepted(bidder: bidder, bidNumber: number)))
    }

    /// The Unix time in milliseconds.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
