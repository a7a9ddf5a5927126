extension RedisConnection {
    /// Runs `script` with `EVALSHA`. On a `NOSCRIPT` error reply (the server never saw the script,
    /// or its cache was flushed or lost in a restart) it sends the body once with `SCRIPT LOAD` and
    /// retries, so the body travels only when the server lacks it. Other error replies are thrown.
    @discardableResult
    package func evaluate(_ script: RedisScript, keys: [RedisArgument] = [], arguments: [RedisArgument] = []) throws -> RedisValue {
        let call = ["EVALSHA", RedisArgument(script.sha1), RedisArgument(keys.count)] + keys + arguments
        do {
            return try command(call)
        } catch let error as RedisError where error.code == .server && error.prefix == "NOSCRIPT" {
            let loaded = try command(["SCRIPT", "LOAD", RedisArgument(script.source)])
            guard loaded.string == script.sha1 else {
                throw RedisError(code: .unexpectedReply, message: "SCRIPT LOAD returned \(loaded), not \(script.sha1)")
            }
            return try command(call)
        }
    }
}
