import Shared

/// Registers a user atomically in the `{u}` slot: claims the lower-cased display name in
/// `users:{u}:names` (`HSETNX`), appends `userRegistered` to `users:{u}:events`, and stores the
/// password hash in `users:{u}:cred:<user id>`. A taken name writes nothing.
///
/// The hash lives only in the credential key, never in a stream or event.
enum RegisterUserScript {
    static let script = RedisScript(
        """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          return {'taken', redis.call('HGET', KEYS[1], ARGV[1])}
        end
        local id = redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'event', ARGV[4])
        redis.call('SET', KEYS[3], ARGV[5])
        return {'registered', id}
        """
    )

    /// The key holding the password hash of `userID`.
    static func credentialKey(_ userID: String) -> String { "users:{u}:cred:\(userID)" }
}
