import AuctionDomain
import Shared

/// Reads every public and private stream of the layout from the start with paged `XRANGE`
/// and decodes each entry with the writers' own coding (`EventStreamEntryCoding`).
struct EventLogReader: Sendable {
    let redis: RedisClient
    let layout: EventStreamLayout
    var pageSize = 1_000

    func read() async throws -> EventLog {
        var log = EventLog()
        for stream in layout.publicStreams {
            for entry in try await entries(of: stream) {
                log.tails[stream] = entry.id
                do {
                    let envelope: PublicEventEnvelope = try EventStreamEntryCoding.decode(entry)
                    let event = LoggedEvent(stream: stream, entryID: entry.id, envelope: envelope)
                    log.addPublic(event, expectedStream: envelope.aggregate.auctionID.map { layout.publicStream(partition: layout.partition(of: $0)) })
                } catch {
                    log.addUnreadable(UnreadableEntry(stream: stream, entryID: entry.id, reason: "\(error)"))
                }
            }
        }
        for partition in 0..<layout.partitionCount {
            let stream = layout.privateStream(partition: partition)
            for entry in try await entries(of: stream) {
                do {
                    let envelope: PrivateEventEnvelope = try EventStreamEntryCoding.decode(entry)
                    let event = LoggedEvent(stream: stream, entryID: entry.id, envelope: envelope)
                    log.addPrivate(event, expectedStream: envelope.aggregate.auctionID.map { layout.privateStream(partition: layout.partition(of: $0)) })
                } catch {
                    log.addUnreadable(UnreadableEntry(stream: stream, entryID: entry.id, reason: "\(error)"))
                }
            }
        }
        return log
    }

    /// Every entry of `stream`, oldest first.
    private func entries(of stream: String) async throws -> [RedisStreamEntry] {
        var found: [RedisStreamEntry] = []
        var start = "-"
        while true {
            let reply = try await redis.send("XRANGE", RedisArgument(stream), RedisArgument(start), "+", "COUNT", RedisArgument(pageSize))
            let page = try (reply.array ?? []).map(Self.entry)
            found += page
            guard page.count == pageSize, let last = page.last else { return found }
            start = "(" + last.id.description
        }
    }

    /// One `XRANGE` element: `[id, [field, value, ...]]`.
    private static func entry(_ value: RedisValue) throws -> RedisStreamEntry {
        guard let parts = value.array, parts.count == 2, let id = parts[0].string.flatMap(RedisStreamEntryID.init),
              let flat = parts[1].array, flat.count.isMultiple(of: 2)
        else { throw RedisError(code: .unexpectedReply, message: "malformed XRANGE entry \(value)") }
        let fields = stride(from: 0, to: flat.count, by: 2).map { (name: flat[$0].string ?? "", value: flat[$0 + 1].bytes ?? []) }
        return RedisStreamEntry(id: id, fields: fields)
    }
}
