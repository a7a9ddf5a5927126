import CHiredis

extension RedisValue {
    /// Copies a hiredis reply tree into Swift values.
    ///
    /// The reply stays owned by the caller: "freeReplyObject: Free a reply object" frees the whole
    /// tree, nested elements included, so nothing here may keep a pointer into it.
    init(reply: UnsafePointer<redisReply>) throws {
        let reply = reply.pointee
        switch reply.type {
        case REDIS_REPLY_STRING: self = .bulk(Self.bytes(of: reply))
        case REDIS_REPLY_STATUS: self = .status(String(decoding: Self.bytes(of: reply), as: UTF8.self))
        case REDIS_REPLY_ERROR: self = .error(String(decoding: Self.bytes(of: reply), as: UTF8.self))
        case REDIS_REPLY_INTEGER: self = .integer(Int64(reply.integer))
        case REDIS_REPLY_NIL: self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(reply.elements)
            for index in 0..<reply.elements {
                guard let element = reply.element?[index] else {
                    throw RedisError(code: .protocol, message: "array reply with a missing element")
                }
                elements.append(try RedisValue(reply: element))
            }
            self = .array(elements)
        default:
            throw RedisError(code: .protocol, message: "unknown reply type \(reply.type)")
        }
    }

    /// The `len` bytes at `str`, which may hold NUL bytes (so never read as a C string).
    private static func bytes(of reply: redisReply) -> [UInt8] {
        guard let start = reply.str, reply.len > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: reply.len))
    }
}
