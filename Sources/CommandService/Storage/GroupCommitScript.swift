import AuctionDomain
import Shared

/// Round trip 2 of a batch: the conditional group append. For each auction segment, atomically
/// and only if the snapshot's version still equals the version the first decision was made
/// against (the fencing check) and the lease still holds the writer's token: append every
/// command's public events and private annexes, store each command's idempotency record with the
/// entry IDs of its own public events, store the segment's final snapshot, update the closing
/// schedule, and renew the lease (or hand it back). A refused segment writes nothing at all; the
/// other segments of the batch are unaffected.
///
/// The version check is what makes concurrent writers safe (Kleppmann's fencing token): a holder
/// whose lease expired cannot append over someone else's events. The lock check adds that such a
/// holder never appends at all, even when nobody else wrote meanwhile.
enum GroupCommitScript {
    static let script = RedisScript(
        """
        local lease, ttl = ARGV[1], ARGV[2]
        local a, k = 4, 1
        local results = {}
        for s = 1, tonumber(ARGV[3]) do
          local lock, snap, pub, priv, closing, want = KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4], KEYS[k + 5]
          k = k + 6
          local token, expected, version, state = ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2], ARGV[a + 3]
          local action, endsAt, id, release, count = ARGV[a + 4], ARGV[a + 5], ARGV[a + 6], ARGV[a + 7], tonumber(ARGV[a + 8])
          a = a + 9
          local current = tonumber(redis.call('HGET', snap, 'version') or '0')
          local holder = redis.call('GET', lock)
          local ok = holder == token and current == expected
          local result
          if ok then result = {'ok'} elseif holder ~= token then result = {'lost', tostring(current)}
          else result = {'conflict', tostring(current)} end
          for _ = 1, count do
            local record, publicCount, privateCount = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
            a = a + 3
            if ok then
              local entries = {}
              for _ = 1, publicCount do
                entries[#entries + 1] = redis.call('XADD', pub, '*', 'type', ARGV[a], 'event', ARGV[a + 1])
                a = a + 2
              end
              for _ = 1, privateCount do
                redis.call('XADD', priv, '*', 'type', ARGV[a], 'event', ARGV[a + 1])
                a = a + 2
              end
              local joined = table.concat(entries, ' ')
              if record ~= '' then
                redis.call('HSET', KEYS[k], 'outcome', record, 'entries', joined)
                redis.call('EXPIRE', KEYS[k], ttl)
              end
              result[#result + 1] = joined
            else
              a = a + 2 * (publicCount + privateCount)
            end
            k = k + 1
          end
          if ok then
            if version ~= '' then redis.call('HSET', snap, 'version', version, 'state', state) end
            if action == 'add' then redis.call('ZADD', closing, endsAt, id)
            elseif action == 'remove' then redis.call('ZREM', closing, id) end
            if release == '1' then redis.call('DEL', lock) else redis.call('PEXPIRE', lock, lease) end
          end
          results[s] = result
        end
        return results
        """
    )

    /// What the script did with one segment.
    enum Outcome: Sendable, Equatable {
        /// Appended; per decision, the entry IDs of its public events, in order.
        case committed(entryIDs: [[String]])
        /// The snapshot moved past the expected version: nothing written.
        case conflict(currentVersion: Int64)
        /// The lease is not ours any more (expired, or another holder): nothing written.
        case leaseLost(currentVersion: Int64)
    }

    static func call(_ segments: [CommitSegment], leaseMilliseconds: Int64, recordTTLSeconds: Int) throws
        -> (keys: [RedisArgument], arguments: [RedisArgument])
    {
        var keys: [RedisArgument] = []
        var arguments: [RedisArgument] = [RedisArgument(leaseMilliseconds), RedisArgument(recordTTLSeconds), RedisArgument(segments.count)]
        for segment in segments {
            let k = segment.keys
            keys += [k.lock, k.snapshot, k.publicStream, k.privateStream, k.closing, k.handoff].map { RedisArgument($0) }
            let writesState = segment.hasEvents
            let closing: String
            switch segment.state?.phase {
            case .open?: closing = writesState ? "add" : "keep"
            case .closed?, .cancelled?: closing = writesState ? "remove" : "keep"
            case nil: closing = "keep"
            }
            arguments += [
                RedisArgument(segment.token.value), RedisArgument(segment.expectedVersion),
                writesState ? RedisArgument(segment.state?.version ?? 0) : "",
                writesState ? RedisArgument(segment.state.map(AuctionSnapshotCoding.encode) ?? []) : "",
                RedisArgument(closing), RedisArgument(segment.state?.endsAt ?? 0), RedisArgument(k.auctionID.rawValue),
                segment.release ? "1" : "0", RedisArgument(segment.decisions.count),
            ]
            for decision in segment.decisions {
                keys.append(RedisArgument(k.idempotency(decision.commandID)))
                let publicEvents = try decision.events.compactMap(\.publicEnvelope).map(EventStreamEntryCoding.fields(of:))
                let privateEvents = try decision.events.compactMap(\.privateEnvelope).map(EventStreamEntryCoding.fields(of:))
                arguments += [
                    RedisArgument(try decision.record.map { try $0.encoded() } ?? []),
                    RedisArgument(publicEvents.count), RedisArgument(privateEvents.count),
                ]
                for event in publicEvents + privateEvents { arguments += [RedisArgument(event.type), RedisArgument(event.json)] }
            }
        }
        return (keys, arguments)
    }

    static func parse(_ value: RedisValue, segments: [CommitSegment]) throws -> [Outcome] {
        guard let parts = value.array, parts.count == segments.count else { throw StoreError.unexpected("group commit", value) }
        return try zip(parts, segments).map { part, segment in
            guard let fields = part.array, let tag = fields.first?.string else { throw StoreError.unexpected("group commit", value) }
            switch tag {
            case "ok" where fields.count == segment.decisions.count + 1:
                return .committed(entryIDs: fields.dropFirst().map { ($0.string ?? "").split(separator: " ").map(String.init) })
            case "conflict" where fields.count == 2: return .conflict(currentVersion: Int64(fields[1].string ?? "") ?? 0)
            case "lost" where fields.count == 2: return .leaseLost(currentVersion: Int64(fields[1].string ?? "") ?? 0)
            default: throw StoreError.unexpected("group commit", value)
            }
        }
    }
}
