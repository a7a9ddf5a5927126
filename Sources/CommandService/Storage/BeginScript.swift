import AuctionDomain
import Shared

/// Round trip 1 of a command: in one script, look up the command's idempotency record, and unless
/// it exists take the auction's lock (`SET NX PX` with a random token), read the snapshot and the
/// clock (`TIME`: the single clock every decision uses).
///
/// The record is read before the lock so that a retry of a finished command is answered without
/// waiting for, or taking, the lock.
enum BeginScript {
    static let script = RedisScript(
        """
        local record = redis.call('HMGET', KEYS[2], 'outcome', 'entries')
        if record[1] then return {'recorded', record[1], record[2] or ''} end
        local now = redis.call('TIME')
        if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return {'locked', redis.call('PTTL', KEYS[1])}
        end
        local snapshot = redis.call('HMGET', KEYS[3], 'version', 'state')
        return {'acquired', now[1], now[2], snapshot[1] or '', snapshot[2] or ''}
        """
    )

    /// What the script found.
    enum Reply: Sendable {
        /// The command already ran: its stored outcome and the entry IDs of its public events.
        case recorded(CommandRecord, entryIDs: [String])
        /// Another command holds the lock for about this many more milliseconds.
        case locked(remainingMilliseconds: Int64)
        /// The lock is ours; the auction's snapshot (nil when there is none) and Redis `TIME`.
        case acquired(AuctionState?, now: EpochMilliseconds)
    }

    static func call(keys: AuctionKeys, commandID: CommandID, token: LockToken, leaseMilliseconds: Int64)
        -> (keys: [RedisArgument], arguments: [RedisArgument])
    {
        ([RedisArgument(keys.lock), RedisArgument(keys.idempotency(commandID)), RedisArgument(keys.snapshot)],
         [RedisArgument(token.value), RedisArgument(leaseMilliseconds)])
    }

    static func parse(_ value: RedisValue) throws -> Reply {
        guard let parts = value.array, let tag = parts.first?.string else { throw StoreError.unexpected("begin", value) }
        switch (tag, parts.count) {
        case ("recorded", 3):
            let record = try CommandRecord.decode(parts[1].bytes ?? [])
            let entries = (parts[2].string ?? "").split(separator: " ").map(String.init)
            return .recorded(record, entryIDs: entries)
        case ("locked", 2):
            return .locked(remainingMilliseconds: max(parts[1].int ?? 0, 0))
        case ("acquired", 5):
            guard let seconds = parts[1].int, let micros = parts[2].int else { throw StoreError.unexpected("begin", value) }
            let now = RedisTime(seconds: seconds, microseconds: micros).milliseconds
            let state = parts[4].bytes.flatMap { $0.isEmpty ? nil : $0 }
            return .acquired(try state.map(AuctionSnapshotCoding.decode), now: now)
        default:
            throw StoreError.unexpected("begin", value)
        }
    }
}
