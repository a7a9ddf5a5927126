import AuctionDomain
import Foundation
import Shared

/// One stream entry as the projector reads it: where it came from, its raw fields, and its event
/// or the reason it cannot be read.
///
/// Decoding never throws: an entry that is not a public event of a known type and schema version
/// becomes `.unreadable`, which the batch dead-letters instead of stopping the projection.
struct ProjectionEntry: Sendable {
    enum Content: Sendable {
        case event(PublicEventEnvelope)
        case unreadable(reason: String)
    }

    let stream: String
    let entry: RedisStreamEntry
    let content: Content

    var id: RedisStreamEntryID { entry.id }

    init(stream: String, entry: RedisStreamEntry) {
        self.stream = stream
        self.entry = entry
        self.content = Self.decode(entry)
    }

    /// The entries of an `XREAD` reply, stream by stream.
    static func entries(of batches: [RedisStreamBatch]) -> [ProjectionEntry] {
        batches.flatMap { batch in batch.entries.map { ProjectionEntry(stream: batch.key, entry: $0) } }
    }

    private static func decode(_ entry: RedisStreamEntry) -> Content {
        guard let json = entry[EventStreamLayout.eventField] else {
            return .unreadable(reason: "the entry has no \"\(EventStreamLayout.eventField)\" field")
        }
        let envelope: PublicEventEnvelope
        do {
            envelope = try PublicEventEnvelope.decode(json: Data(json))
        } catch {
            return .unreadable(reason: error.description)
        }
        // The `type` field is only a filtering aid, but one that disagrees with the envelope means
        // the writer is broken: better not to guess which of the two is right.
        if let type = entry.string(EventStreamLayout.typeField), type != envelope.event.typeName {
            return .unreadable(reason: "the type field \"\(type)\" disagrees with the event type \"\(envelope.event.typeName)\"")
        }
        return .event(envelope)
    }

    /// The raw fields as a JSON object for `dead_letters.raw_fields`: UTF-8 values as text, other
    /// values (and any holding NUL, which jsonb refuses) as `"\x"` followed by hex.
    var rawFieldsJSON: String {
        var object: [String: String] = [:]
        for field in entry.fields where object[field.name] == nil {
            if let text = String(validating: field.value, as: UTF8.self), !field.value.contains(0) {
                object[field.name] = text
            } else {
                object[field.name] = "\\x" + field.value.map { String(format: "%02x", $0) }.joined()
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a [String: String] cannot fail.
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
