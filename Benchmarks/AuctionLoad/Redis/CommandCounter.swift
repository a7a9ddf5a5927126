import Shared

/// Counts the commands a Redis server executed, from `INFO commandstats`, to turn a load into
/// "Redis commands per bid".
///
/// Commands run inside a Lua script also appear in `commandstats`, so the script's own entry
/// (`evalsha`/`eval`) is counted separately: each is one client round trip, however many commands
/// it runs. Blocking reads (`xread`, the projectors' tailing) and the counter's own `info` are left out.
struct CommandCounter {
    let redis: RedisClient

    struct Snapshot {
        /// Calls per command name, as `cmdstat_<name>:calls=N,...` reports them.
        var calls: [String: Int64]

        func delta(since earlier: Snapshot) -> [String: Int64] {
            calls.reduce(into: [:]) { result, entry in
                let difference = entry.value - (earlier.calls[entry.key] ?? 0)
                if difference > 0 { result[entry.key] = difference }
            }
        }
    }

    static let ignored: Set<String> = ["info", "xread", "xreadgroup", "ping", "client|setname", "client", "config|set", "script|load"]

    func snapshot() async throws -> Snapshot {
        guard let text = try await redis.send(["INFO", "commandstats"]).string else { throw LoadError("INFO returned no text") }
        var calls: [String: Int64] = [:]
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            let parts = line.dropFirst("cmdstat_".count).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let field = parts[1].split(separator: ",").first(where: { $0.hasPrefix("calls=") }),
                  let value = Int64(field.dropFirst("calls=".count)) else { continue }
            calls[String(parts[0])] = value
        }
        return Snapshot(calls: calls)
    }
}
