import GRPCCore

/// A protobuf message already encoded: the feed's updates are encoded once per node and the same
/// bytes go to every stream, so the stream's serializer only copies them into the transport.
struct EncodedMessage: Sendable {
    let bytes: [UInt8]
}

/// Writes ``EncodedMessage`` bytes as they are (the one copy the transport needs).
struct EncodedMessageSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: EncodedMessage) throws -> Bytes {
        Bytes(message.bytes)
    }
}
