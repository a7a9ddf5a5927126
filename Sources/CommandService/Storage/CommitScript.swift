import AuctionDomain
import Shared

/// Round trip 2 of a command: the conditional append. Atomically, and only if the snapshot's
/// version still equals the version the decision was made against (the fencing check) and the
/// lock is still ours: append each public event to the public stream and each private annex to
/// the private stream, store the new snapshot, update the closing schedule, store the
/// idempotency record, release the lock.
///
/// The version check is what makes concurrent writers safe (Kleppmann's fencing token): a holder
/// whose lease expired cannot append over someone else's events. The lock check adds that such a
/// holder never appends at all, even when nobody else wrote meanwhile. Either refusal writes
/// nothing and releases the lock if it is still ours; the caller starts the command over.
enum CommitScript {
    static let script = RedisScript(
        """
        local current = tonumber(redis.call('HGET', KEYS[3], 'version') or '0')
        local holder = redis.call('GET', KEYS[1])
        if current ~= tonumber(ARGV[2]) or holder ~= ARGV[1] then
          if holder == ARGV[1] then redis.call('DEL', KEYS[1]) end
          if holder ~= ARGV[1] then return {'lost', tostring(current)} end
          return {'conflict', tostring(current)}
        end
        local entries = {}
        local publicCount = tonumber(ARGV[10])
        local i = 11
        for _ = 1, publicCount do
          entries[#entries + 1] = redis.call('XADD', KEYS[4], '*', 'type', ARGV[i], 'event', ARGV[i + 1])
          i = i + 2
        end
        while i < #ARGV do
          redis.call('XADD', KEYS[5], '*', 'type', ARGV[i], 'event', ARGV[i + 1])
          i = i + 2
        end
        if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], 'version', ARGV[3], 'state', ARGV[4]) end
        if ARGV[7] == 'add' then
          redis.call('ZADD', KEYS[6], ARGV[8], ARGV[9])
        elseif ARGV[7] == 'remove' then
          redis.call('ZREM', KEYS[6], ARGV[9])
        end
        if ARGV[5] ~= '' then
          redis.call('HSET', KEYS[2], 'outcome', ARGV[5], 'entries', table.concat(entries, ' '))
          redis.call('EXPIRE', KEYS[2], ARGV[6])
        end
        redis.call('DEL', KEYS[1])
        return {'ok', table.concat(entries, ' ')}
        """
    )

    /// What the script did.
    enum Reply: Sendable, Equatable {
        /// Appended; the entry IDs of the public events, in order.
        case committed(entryIDs: [String])
        /// The snapshot moved past the expected version: nothing written, lock released.
        case conflict(currentVersion: Int64)
        /// The lease expired (another holder, or nobody): nothing written.
        case lockLost(currentVersion: Int64)
    }

    static func call(_ commit: PendingCommit) throws -> (keys: [RedisArgument], arguments: [RedisArgument]) {
        let keys = commit.keys
        let publicEvents = try commit.events.compactMap(\.publicEnvelope).map(EventStreamEntryCoding.fields(of:))
        let privateEvents = try commit.events.compactMap(\.privateEnvelope).map(EventStreamEntryCoding.fields(of:))
        let state = try commit.state.map(AuctionSnapshotCoding.encode) ?? []
        let closing: String
        switch commit.state?.phase {
        case .open?: closing = "add"
        case .closed?, .cancelled?: closing = "remove"
        case nil: closing = "keep"
        }
        var arguments: [RedisArgument] = [
            RedisArgument(commit.token.value), RedisArgument(commit.expectedVersion),
            commit.events.isEmpty ? "" : RedisArgument(commit.state?.version ?? 0), RedisArgument(state),
            RedisArgument(try commit.record.map { try $0.encoded() } ?? []), RedisArgument(commit.recordTTLSeconds),
            commit.events.isEmpty ? "keep" : RedisArgument(closing), RedisArgument(commit.state?.endsAt ?? 0),
            RedisArgument(keys.auctionID.rawValue), RedisArgument(publicEvents.count),
        ]
        for event in publicEvents + privateEvents {
            arguments += [RedisArgument(event.type), RedisArgument(event.json)]
        }
        return ([keys.lock, keys.idempotency(commit.commandID), keys.snapshot, keys.publicStream, keys.privateStream, keys.closing]
            .map { RedisArgument($0) }, arguments)
    }

    static func parse(_ value: RedisValue) throws -> Reply {
        guard let parts = value.array, parts.count == 2, let tag = parts[0].string, let detail = parts[1].string else {
            throw StoreError.unexpected("commit", value)
        }
        switch tag {
        case "ok": return .committed(entryIDs: detail.split(separator: " ").map(String.init))
        case "conflict": return .conflict(currentVersion: Int64(detail) ?? 0)
        case "lost": return .lockLost(currentVersion: Int64(detail) ?? 0)
        default: throw StoreError.unexpected("commit", value)
        }
    }
}
