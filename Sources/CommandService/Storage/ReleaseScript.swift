import Shared

/// Compare-and-delete: frees the lock only if it still holds our token, so a holder whose lease
/// expired never frees the lock a later holder took. Used when a command fails between taking
/// the lock and committing (the commit script releases it otherwise).
enum ReleaseScript {
    static let script = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """
    )
}

extension AuctionStore {
    /// Frees `keys.lock` if `token` still holds it; true when it did.
    @discardableResult
    func release(_ keys: AuctionKeys, token: LockToken) async throws -> Bool {
        let reply = try await redis.evaluate(ReleaseScript.script, keys: [RedisArgument(keys.lock)], arguments: [RedisArgument(token.value)])
        return reply.int == 1
    }
}
