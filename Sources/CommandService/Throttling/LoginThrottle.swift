import Crypto
import Foundation
import Shared

/// Slows down password guessing: counts log-in attempts per account and per client address in
/// Redis, shared by every CommandService process, and refuses attempts over ``LoginThrottlePolicy``
/// before any password hash is computed.
///
/// An attempt is counted when it is admitted and taken back when the password was right, so the
/// counters hold failures only, yet two concurrent guesses cannot both pass a limit of one.
struct LoginThrottle: Sendable {
    /// Whether an attempt may check its password.
    enum Admission: Sendable, Equatable {
        case admitted
        /// Over a limit: the client may try again after this many seconds (at least 1).
        case refused(retryAfterSeconds: Int64)
    }

    let redis: RedisClient
    let policy: LoginThrottlePolicy

    func admit(displayName: String, address: String) async throws -> Admission {
        let reply = try await redis.evaluate(
            LoginThrottleScripts.admit, keys: keys(displayName, address),
            arguments: [RedisArgument(Int64(policy.accountFailures)), RedisArgument(Int64(policy.addressFailures)),
                        RedisArgument(policy.windowMilliseconds)])
        guard let parts = reply.array, parts.count == 2, let verdict = parts[0].string, let wait = parts[1].int else {
            throw StoreError.unexpected("login throttle", reply)
        }
        guard verdict == "refused" else { return .admitted }
        return .refused(retryAfterSeconds: max(1, (wait + 999) / 1000))
    }

    /// Records that the admitted attempt had the right password.
    func succeeded(displayName: String, address: String) async throws {
        _ = try await redis.evaluate(LoginThrottleScripts.succeeded, keys: keys(displayName, address), arguments: [])
    }

    /// The counters' keys. The account is the display name as log-in matches it (trimmed, lower
    /// case) whether or not such a user exists, so refusals reveal nothing about which names are
    /// taken; it is hashed so that a 64 KiB name makes a short key.
    private func keys(_ displayName: String, _ address: String) -> [RedisArgument] {
        let digest = SHA256.hash(data: Data(UserDirectory.nameKey(displayName).utf8))
        let account = digest.map { String(format: "%02x", $0) }.joined()
        return [RedisArgument("throttle:{login}:account:\(account)"), RedisArgument("throttle:{login}:address:\(address)")]
    }
}
