import Foundation
import Synchronization

/// A free TCP port on 127.0.0.1 for a server the tests start.
///
/// Chosen below the kernel's ephemeral range (`ip_local_port_range`), never from it: a port that
/// `bind(0)` hands out is also where the kernel puts the local end of outgoing connections, and
/// with thousands of client connections in flight one of them took such a port before the server
/// bound it (seen as redis-server "not ready" on a loaded machine). Each port is handed out at
/// most once per process, and only after a trial bind succeeded.
package enum FreePort {
    private static let handedOut = Mutex<Set<Int>>([])

    package static func next() throws -> Int {
        let range = candidates()
        for _ in 0..<2_000 {
            let port = Int.random(in: range)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if canBind(port) { return port }
        }
        throw TestServerError("no free port in \(range)")
    }

    /// Ports below the ephemeral range (32768 on a default Linux), above the well-known ones.
    static func candidates() -> ClosedRange<Int> {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let low = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap { Int($0) } ?? 32_768
        return low > 12_000 ? 10_000...(low - 1) : 1_024...(max(low, 2_048) - 1)
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// A failure to start or reach a test server, with the reason.
package struct TestServerError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
