import Foundation
import Synchronization

/// Records the commands that clients send to Redis, from `MONITOR`, with the server's timestamps.
///
/// `MONITOR` prints every command as the server executes it; commands run by a Lua script are
/// marked `[0 lua]`, so lines without that mark are exactly what clients sent: an upper bound of
/// client round trips (a pipeline of n commands is one round trip, n lines). Blocking reads
/// (`XREAD`) and the benchmark's own `INFO` are not kept. Background work (closers, lag probes)
/// also shows up: compare a window of load with an idle window (`counts(from:to:)`). `MONITOR`
/// slows Redis down: use it only for a low-load counting phase.
final class RedisMonitor: @unchecked Sendable {
    // @unchecked is safe: `socket` is written in init and closed only in `stop()` after the
    // reader thread has been told to end; counts live in the Mutex.
    private let socket: Int32
    private let commands = Mutex<[(time: Double, client: String, name: String)]>([])
    private let done = DispatchSemaphore(value: 0)

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw LoadError("MONITOR: cannot connect to Redis on \(port)") }
        let command = Array("MONITOR\r\n".utf8)
        _ = command.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let thread = Thread { [self] in readLines() }
        thread.start()
        // Give the server time to switch the connection to monitor mode before the load starts.
        Thread.sleep(forTimeInterval: 0.2)
    }

    /// Stops recording (after letting the last lines arrive).
    func stop() {
        Thread.sleep(forTimeInterval: 0.2)
        shutdown(socket, Int32(SHUT_RDWR))
        done.wait()
        close(socket)
    }

    /// Commands per upper-case name executed between two Unix times (seconds), sent by one of
    /// `clients` (addresses as `CLIENT LIST` shows them), or by anyone when `clients` is nil.
    func counts(from start: Double, to end: Double, clients: Set<String>? = nil) -> [String: Int] {
        commands.withLock { commands in
            commands.filter { entry in entry.time >= start && entry.time <= end && (clients?.contains(entry.client) ?? true) }
                .reduce(into: [:]) { $0[$1.name, default: 0] += 1 }
        }
    }

    private func readLines() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            pending += chunk[..<count]
            while let newline = pending.firstIndex(of: 10) {
                tally(line: String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
        }
        done.signal()
    }

    /// `+1700000000.123456 [0 127.0.0.1:5000] "EVALSHA" "..."`: the client is the address in the
    /// brackets, the name is the first quoted word.
    private func tally(line: String) {
        guard !line.contains(" lua] "), let open = line.range(of: "] \""),
              let bracket = line.firstIndex(of: "["), bracket < open.lowerBound else { return }
        let client = line[line.index(after: bracket)..<open.lowerBound].split(separator: " ").last.map(String.init) ?? ""
        let rest = line[open.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return }
        let name = rest[..<close].uppercased()
        guard !["XREAD", "XREADGROUP", "INFO", "PING"].contains(name),
              let time = Double(line.prefix { $0 != " " }.drop { $0 == "+" }) else { return }
        commands.withLock { $0.append((time, client, name)) }
    }
}
