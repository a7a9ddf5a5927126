import Foundation

/// CPU seconds that named groups of processes (and the load tool itself) spend during a load, to
/// show where a 2-core machine's time goes. Groups come as `name:pid+pid,name:pid`.
struct CPUWatch {
    private let groups: [(name: String, pids: [Int32])]
    private var start: [String: Double] = [:]
    private var startTime = 0.0

    init(_ specification: String) {
        groups = specification.split(separator: ",").compactMap { group in
            let parts = group.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].split(separator: "+").compactMap { Int32($0) })
        }
    }

    mutating func begin() {
        start = sample()
        startTime = MonotonicClock.seconds(since: 0)
    }

    /// `cpu_share_<name>`: the group's CPU seconds per wall second since `begin()` (1.0 = one core).
    func metrics() -> [String: Double] {
        let elapsed = MonotonicClock.seconds(since: 0) - startTime
        let now = sample()
        return now.reduce(into: [:]) { result, entry in
            result["cpu_share_\(entry.key)"] = (entry.value - (start[entry.key] ?? 0)) / max(elapsed, 1e-9)
        }
    }

    private func sample() -> [String: Double] {
        var seconds: [String: Double] = [:]
        for group in groups {
            seconds[group.name] = group.pids.compactMap { ProcessSample(pid: $0)?.cpuSeconds }.reduce(0, +)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        seconds["load_tool"] = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return seconds
    }
}
