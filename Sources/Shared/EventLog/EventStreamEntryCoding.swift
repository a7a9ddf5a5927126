import AuctionDomain
import Foundation

/// The one encoding of an event as a stream entry (`EventStreamLayout`): field `type`, the event's
/// type name, and field `event`, its JSON envelope (`docs/events.md`). The writer encodes with it;
/// any reader of a stream (projector, log replay) can decode with it.
package enum EventStreamEntryCoding {
    /// The `XADD` field values of `envelope`: its type name and its sorted-key JSON.
    package static func fields<Event: EventKind>(of envelope: EventEnvelope<Event>) throws(EventCodingError)
        -> (type: String, json: [UInt8])
    {
        (envelope.event.typeName, Array(try envelope.jsonData()))
    }

    /// The envelope of one entry. An entry without an `event` field, or whose `type` field disagrees
    /// with the envelope, is `.malformed`: a broken writer, never something to guess about.
    package static func decode<Event: EventKind>(_ entry: RedisStreamEntry, as: Event.Type = Event.self)
        throws(EventCodingError) -> EventEnvelope<Event>
    {
        guard let json = entry[EventStreamLayout.eventField] else {
            throw .malformed("entry \(entry.id) has no \"\(EventStreamLayout.eventField)\" field")
        }
        let envelope = try EventEnvelope<Event>.decode(json: Data(json))
        if let type = entry.string(EventStreamLayout.typeField), type != envelope.event.typeName {
            throw .malformed("entry \(entry.id) says type \"\(type)\" but holds \"\(envelope.event.typeName)\"")
        }
        return envelope
    }
}
