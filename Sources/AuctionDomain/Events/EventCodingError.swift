/// Why an event could not be read or written. The projector dead-letters events that fail to
/// decode; the description names the reason without echoing the payload.
public enum EventCodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `type` this build does not know (or a private type read as public, and vice versa).
    case unknownType(String)
    /// A `schemaVersion` this build does not understand.
    case unsupportedSchemaVersion(Int)
    /// Not JSON, a missing or mistyped field, or an invalid value such as a bad currency code.
    case malformed(String)
    /// The encoder refused a value (not expected for the domain's own types).
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .unknownType(let type): "Unknown event type \"\(type)\"."
        case .unsupportedSchemaVersion(let version):
            "Unsupported event schema version \(version); this build reads version \(EventSchema.currentVersion)."
        case .malformed(let reason): "Malformed event: \(reason)"
        case .encodingFailed(let reason): "Could not encode event: \(reason)"
        }
    }
}
