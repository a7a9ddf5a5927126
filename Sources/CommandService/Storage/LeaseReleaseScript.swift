import Shared

/// Compare-and-delete of many leases in one round trip: each lock is freed only if it still holds
/// our token, so a holder whose lease expired never frees the lock a later holder took. Used for
/// idle leases, for leases taken by a batch that failed before committing, and at shutdown.
enum LeaseReleaseScript {
    static let script = RedisScript(
        """
        local released = 0
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[i] then
            redis.call('DEL', KEYS[i])
            released = released + 1
          end
        end
        return released
        """
    )
}
