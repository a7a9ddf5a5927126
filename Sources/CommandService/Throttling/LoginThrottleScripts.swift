import Shared

/// The two Lua scripts of ``LoginThrottle``. Each is one round trip and atomic, so concurrent
/// log-ins on several CommandService processes cannot slip past a limit together.
///
/// KEYS[1] is the account's counter, KEYS[2] the address's; both carry the `{login}` hash tag so
/// that they live in one Redis Cluster slot.
enum LoginThrottleScripts {
    /// Admits an attempt, counting it against both counters before the password is hashed (so
    /// the limit also bounds the CPU an attacker can spend), or refuses it while either counter is
    /// at its limit. ARGV: account limit, address limit, window in ms.
    /// Replies `{'admitted', 0}` or `{'refused', <ms until the blocking counter expires>}`.
    static let admit = RedisScript(
        """
        local limits = {tonumber(ARGV[1]), tonumber(ARGV[2])}
        local wait = 0
        for i = 1, 2 do
          local count = tonumber(redis.call('GET', KEYS[i]) or '0')
          if count >= limits[i] then
            local ttl = redis.call('PTTL', KEYS[i])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[i], ARGV[3])
              ttl = tonumber(ARGV[3])
            end
            if ttl > wait then wait = ttl end
          end
        end
        if wait > 0 then return {'refused', wait} end
        for i = 1, 2 do
          if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
        end
        return {'admitted', 0}
        """
    )

    /// After a correct password: the account's failures are forgiven (its counter is deleted),
    /// and the admitted attempt is taken back from the address's counter, whose earlier
    /// failures still count (a success must not let an address reset its own limit).
    static let succeeded = RedisScript(
        """
        redis.call('DEL', KEYS[1])
        if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('DECR', KEYS[2]) <= 0 then
          redis.call('DEL', KEYS[2])
        end
        return 1
        """
    )
}
