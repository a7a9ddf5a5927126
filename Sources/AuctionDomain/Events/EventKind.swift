/// A closed set of event payloads that share the envelope's JSON shape: a `type` discriminator
/// and the payload under `data`. ``PublicEvent`` and ``PrivateEvent`` are the two sets; being
/// distinct types, a private event cannot be written where a public one is expected.
public protocol EventKind: Hashable, Sendable {
    /// The `type` discriminator, stable across releases.
    var typeName: String { get }
    /// Writes the payload (without the discriminator) into the envelope's `data`.
    func encodeData(to encoder: any Encoder) throws
    /// Reads the payload named `typeName`; throws ``EventCodingError/unknownType(_:)`` for a type
    /// outside this set, including one from the other set.
    init(typeName: String, data decoder: any Decoder) throws
}
