import CHiredis
import Foundation

/// An error from the Redis layer.
///
/// `description` is what an end user may see: the kind of failure and, for an error reply, its
/// prefix (`WRONGTYPE`, `NOSCRIPT`). The server's or hiredis's wording stays in `message`, for logs.
package struct RedisError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a code that can grow without breaking callers that switch on it.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The connection could not be opened, was closed, or was lost during the call.
        package static let connection = Code("connection")
        /// Connecting, or waiting for a reply, took longer than the configured timeout.
        package static let timeout = Code("timeout")
        /// hiredis could not parse what the server sent.
        package static let `protocol` = Code("protocol")
        /// The server answered with an error reply; see `prefix`.
        package static let server = Code("server")
        /// A reply was well formed but not of the shape the caller expected (e.g. `TIME`, `XREAD`).
        package static let unexpectedReply = Code("unexpected reply")
        /// The `RedisClient` was closed.
        package static let poolClosed = Code("pool closed")

        package var description: String { name }
    }

    package var code: Code
    /// hiredis's `errstr`, or the server's error reply. For logs only.
    package var message: String
    /// For `.server` errors: the reply's first word when it is upper case, such as `NOSCRIPT`.
    package var prefix: String?

    package init(code: Code, message: String, prefix: String? = nil) {
        self.code = code
        self.message = message
        self.prefix = prefix
    }

    package var description: String {
        "Redis \(code) error" + (prefix.map { " (\($0))" } ?? "")
    }

    /// Everything known about the error, for logs that are not shown to end users.
    package var logDescription: String { "\(description): \(message)" }
}

extension RedisError {
    /// The factory for hiredis's context channel: `c->err` and `c->errstr`.
    ///
    /// `errno` must be read right after the failing call: hiredis reports a socket read timeout
    /// (`SO_RCVTIMEO`) as `REDIS_ERR_IO` with `errno == EAGAIN`, and a connect timeout as
    /// `REDIS_ERR_IO` with `errno == ETIMEDOUT`; both become `.timeout`. A nil context means
    /// hiredis could not allocate one.
    static func fromContext(_ context: UnsafePointer<redisContext>?, errno: Int32) -> RedisError {
        guard let context else { return RedisError(code: .connection, message: "hiredis could not allocate a context") }
        // errstr is a char[128] inside the context, overwritten by its next failure: copy it now.
        let text = withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let code: Code
        switch context.pointee.err {
        case REDIS_ERR_IO where [EAGAIN, EWOULDBLOCK, ETIMEDOUT].contains(errno): code = .timeout
        case REDIS_ERR_PROTOCOL: code = .protocol
        case 0: return RedisError(code: .protocol, message: "hiredis returned no reply and no error")
        default: code = .connection
        }
        return RedisError(code: code, message: text.isEmpty ? "hiredis error \(context.pointee.err)" : text)
    }

    /// The factory for error replies, such as `WRONGTYPE Operation against a key holding the wrong
    /// kind of value`: a `.server` error whose `prefix` is the reply's first word.
    static func fromErrorReply(_ message: String) -> RedisError {
        let first = message.prefix { $0 != " " }
        let isPrefix = !first.isEmpty && first.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
        return RedisError(code: .server, message: message, prefix: isPrefix ? String(first) : nil)
    }
}
