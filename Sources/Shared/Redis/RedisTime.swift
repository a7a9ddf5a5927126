/// A reading of the server's clock, from `TIME`: seconds and microseconds since the Unix epoch.
///
/// All services take "now" from Redis, so that auction deadlines never depend on a host's clock.
package struct RedisTime: Sendable, Hashable, Comparable {
    package var seconds: Int64
    package var microseconds: Int64

    package init(seconds: Int64, microseconds: Int64) {
        self.seconds = seconds
        self.microseconds = microseconds
    }

    /// Decodes `TIME`'s reply: an array of two bulk strings, seconds and microseconds.
    package init(reply: RedisValue) throws {
        guard let parts = reply.array, parts.count == 2, let seconds = parts[0].int, let microseconds = parts[1].int else {
            throw RedisError(code: .unexpectedReply, message: "TIME returned \(reply)")
        }
        self.init(seconds: seconds, microseconds: microseconds)
    }

    /// Milliseconds since the Unix epoch, the unit of stream entry IDs.
    package var milliseconds: Int64 { seconds * 1000 + microseconds / 1000 }

    package static func < (lhs: RedisTime, rhs: RedisTime) -> Bool {
        (lhs.seconds, lhs.microseconds) < (rhs.seconds, rhs.microseconds)
    }
}
