/// One decoded Redis reply (RESP2, as hiredis 0.14 reads it).
///
/// A nil bulk string and a nil array (`$-1`, `*-1`) both decode to `.null`. Error replies decode to
/// `.error`; the command API turns them into thrown `RedisError`s, a pipeline returns them as they are.
package enum RedisValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case status(String)
    case error(String)
    case bulk([UInt8])
    case array([RedisValue])

    /// A bulk string's bytes, or a status line's UTF-8 bytes.
    package var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// A status line, or a bulk string that is valid UTF-8.
    package var string: String? {
        switch self {
        case .status(let text): text
        case .bulk(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// An integer reply, or a bulk string holding a decimal integer (as `GET` of a counter returns).
    package var int: Int64? {
        switch self {
        case .integer(let value): value
        case .bulk: string.flatMap { Int64($0) }
        default: nil
        }
    }

    /// The elements of an array reply.
    package var array: [RedisValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The message of an error reply, such as `NOSCRIPT No matching script.`.
    package var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }

    /// True for a nil bulk string or nil array.
    package var isNull: Bool { self == .null }
}
