import Shared

/// A reply from Redis that does not have the shape our scripts return, or stored data that no
/// longer decodes. Both mean a bug or tampering, answered with 500; the details go to the log.
struct StoreError: Error, CustomStringConvertible {
    let description: String

    static func unexpected(_ script: String, _ value: RedisValue) -> StoreError {
        StoreError(description: "the \(script) script returned \(value)")
    }

    static func corrupt(_ what: String, _ error: any Error) -> StoreError {
        StoreError(description: "stored \(what) does not decode: \(error)")
    }
}
