import Foundation

/// A loopback TCP listener that is not Redis, for the failure modes a real server cannot show:
/// a connect that never completes and a peer that answers garbage.
final class RedisFakePeer {
    let port: Int
    private let listener: Int32
    private var clients: [Int32] = []

    /// Listens on a free loopback port with the given accept-queue length; never accepts by itself.
    init(backlog: Int32) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, backlog) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        guard listener >= 0, bound else {
            close(listener)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Fills the accept queue with connections nobody accepts. Linux then drops further SYNs, so a
    /// new connect hangs until the client's connect timeout.
    func fillAcceptQueue() {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        for _ in 0..<3 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            clients.append(client)
        }
        usleep(100_000)
    }

    /// Accepts one connection on a background thread, writes `bytes` to it and keeps it open a while.
    func acceptOnce(writing bytes: [UInt8]) {
        let listener = self.listener
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            sleep(2)
            close(connection)
        }
    }

    deinit {
        for client in clients { close(client) }
        close(listener)
    }
}
