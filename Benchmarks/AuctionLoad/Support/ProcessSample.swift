import Foundation

/// CPU time and resident memory of another process, read from `/proc/<pid>/stat` and `/proc/<pid>/status`.
struct ProcessSample {
    /// User plus system CPU seconds consumed so far.
    var cpuSeconds: Double
    /// Resident set size in bytes (`VmRSS`).
    var residentBytes: Int

    init?(pid: Int32) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        // The command name (field 2) may contain spaces: fields are counted after its closing ')'.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ')': field 3 is at index 0, so utime (14) and stime (15) are at 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        let kilobytes = line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
        guard let kilobytes else { return nil }
        residentBytes = kilobytes * 1024
    }
}
