import AuctionDomain
import Shared

/// Round trip 1 of a batch: in one script, for every auction of the batch, take or renew its lease
/// (and read its snapshot when the writer has none in memory), look up every command's idempotency
/// record, and read the clock (`TIME`: the single clock every decision uses).
///
/// `TIME` is read when the script runs, which is after every command of the batch arrived (the
/// batch is closed before the script is sent): a decision never uses a time earlier than its
/// command's arrival.
///
/// Lease rules, per auction (`KEYS`: lock, snapshot, hand-off marker):
/// - the lock holds our token: renew it (`PEXPIRE`); `yield` instead of `held` when another writer
///   asked for it (the hand-off marker exists), so the holder hands it back after this batch;
/// - the lock is free and nobody else is owed it (no hand-off marker, or ours): take it;
/// - otherwise it is `locked`: the marker is set to our token (short expiry), so the holder hands
///   the lease to us next, and the remaining lease is returned for the backoff.
enum LeaseBeginScript {
    static let script = RedisScript(
        """
        local lease, handoff, n = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local now = redis.call('TIME')
        local auctions = {}
        for a = 1, n do
          local lock, snap, want = KEYS[3 * a - 2], KEYS[3 * a - 1], KEYS[3 * a]
          local token, needsSnapshot = ARGV[2 + 2 * a], ARGV[3 + 2 * a]
          local holder = redis.call('GET', lock)
          local status
          if holder == token then
            redis.call('PEXPIRE', lock, lease)
            local wanted = redis.call('GET', want)
            if wanted and wanted ~= token then status = 'yield' else status = 'held' end
          else
            local owed = redis.call('GET', want)
            if not holder and (not owed or owed == token) then
              redis.call('SET', lock, token, 'PX', lease)
              if owed then redis.call('DEL', want) end
              status = 'acquired'
              needsSnapshot = '1'
            else
              redis.call('SET', want, token, 'PX', handoff)
              local remaining = redis.call('PTTL', lock)
              if remaining < 0 then remaining = redis.call('PTTL', want) end
              auctions[a] = {'locked', remaining}
            end
          end
          if status then
            if needsSnapshot == '1' then
              local snapshot = redis.call('HMGET', snap, 'version', 'state')
              auctions[a] = {status, snapshot[1] or '', snapshot[2] or ''}
            else
              auctions[a] = {status}
            end
          end
        end
        local records = {}
        for k = 3 * n + 1, #KEYS do
          local record = redis.call('HMGET', KEYS[k], 'outcome', 'entries')
          if record[1] then records[#records + 1] = {record[1], record[2] or ''} else records[#records + 1] = 0 end
        end
        return {now[1], now[2], auctions, records}
        """
    )

    /// One auction's lease request: the token this writer uses for it and whether its snapshot
    /// must be read (the writer holds no state for it in memory).
    struct LeaseRequest: Sendable {
        let keys: AuctionKeys
        let token: LockToken
        let needsSnapshot: Bool
    }

    /// What the script found for one auction.
    enum LeaseStatus: Sendable, Equatable {
        /// The lease is ours (`taken`: just now); `snapshot` is present when it was read
        /// (`.some(nil)`: the auction has no snapshot, it does not exist yet).
        case ours(taken: Bool, handBack: Bool, snapshot: AuctionState??)
        /// Another writer holds it for about this many more milliseconds.
        case locked(remainingMilliseconds: Int64)
    }

    /// The whole answer: the clock, one status per requested auction, one record per command.
    struct Reply: Sendable {
        let now: EpochMilliseconds
        let leases: [LeaseStatus]
        /// The stored outcome and entry IDs of each command that already ran, nil for the others.
        let records: [(record: CommandRecord, entryIDs: [String])?]
    }

    static func call(_ leases: [LeaseRequest], idempotencyKeys: [String], leaseMilliseconds: Int64, handoffMilliseconds: Int64)
        -> (keys: [RedisArgument], arguments: [RedisArgument])
    {
        var keys: [RedisArgument] = []
        keys.reserveCapacity(leases.count * 3 + idempotencyKeys.count)
        var arguments: [RedisArgument] = [RedisArgument(leaseMilliseconds), RedisArgument(handoffMilliseconds), RedisArgument(leases.count)]
        for lease in leases {
            keys += [RedisArgument(lease.keys.lock), RedisArgument(lease.keys.snapshot), RedisArgument(lease.keys.handoff)]
            arguments += [RedisArgument(lease.token.value), lease.needsSnapshot ? "1" : "0"]
        }
        keys += idempotencyKeys.map { RedisArgument($0) }
        return (keys, arguments)
    }

    static func parse(_ value: RedisValue, leases: Int, commands: Int) throws -> Reply {
        guard let parts = value.array, parts.count == 4, let seconds = parts[0].int, let micros = parts[1].int,
              let statuses = parts[2].array, statuses.count == leases, let records = parts[3].array, records.count == commands
        else { throw StoreError.unexpected("lease begin", value) }
        let now = RedisTime(seconds: seconds, microseconds: micros).milliseconds
        return Reply(
            now: now, leases: try statuses.map { try status($0, whole: value) },
            records: try records.map { record in
                guard let pair = record.array else { return nil }
                guard pair.count == 2 else { throw StoreError.unexpected("lease begin", value) }
                let entries = (pair[1].string ?? "").split(separator: " ").map(String.init)
                return (try CommandRecord.decode(pair[0].bytes ?? []), entries)
            })
    }

    private static func status(_ value: RedisValue, whole: RedisValue) throws -> LeaseStatus {
        guard let parts = value.array, let tag = parts.first?.string else { throw StoreError.unexpected("lease begin", whole) }
        if tag == "locked", parts.count == 2 { return .locked(remainingMilliseconds: max(parts[1].int ?? 0, 0)) }
        guard ["held", "yield", "acquired"].contains(tag) else { throw StoreError.unexpected("lease begin", whole) }
        var snapshot: AuctionState??
        if parts.count == 3 {
            let bytes = parts[2].bytes.flatMap { $0.isEmpty ? nil : $0 }
            snapshot = .some(try bytes.map(AuctionSnapshotCoding.decode))
        }
        return .ours(taken: tag == "acquired", handBack: tag == "yield", snapshot: snapshot)
    }
}
