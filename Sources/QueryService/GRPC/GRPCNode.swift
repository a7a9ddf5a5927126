import GRPCCore
import GRPCNIOTransportHTTP2Posix
import NIOPosix

/// The node's gRPC server: HTTP/2 plaintext on its own one-thread NIO event loop, so that it
/// shares no thread with the libwebsockets service loop; the two meet only in the live hub.
final class GRPCNode: Sendable {
    let port: Int
    let service: LiveAuctionService
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let serving: Task<Void, Never>
    private let group: MultiThreadedEventLoopGroup

    /// Transport settings for long-lived streams: the server pings a quiet connection every 60 s
    /// (and drops it after 20 s without an answer), lets clients ping every 10 s, even without a
    /// call, and never closes a connection for being idle or old while streams run; one connection
    /// may carry 4,096 streams.
    static func transportConfig() -> HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.connection.keepalive = .init(
                time: .seconds(60), timeout: .seconds(20),
                clientBehavior: .init(minPingIntervalWithoutCalls: .seconds(10), allowWithoutCalls: true))
            config.connection.maxIdleTime = .seconds(30 * 60)
            config.connection.maxAge = nil
            config.rpc.maxRequestPayloadSize = 64 * 1024
            // HTTP/2's usual 100 would cap a dashboard's (or a proxy's) one connection at 100 feeds.
            config.http2.maxConcurrentStreams = 4096
        }
    }

    /// Binds `host:port` (0: a free port) and starts serving; throws when the port cannot be bound.
    init(host: String, port: Int, service: LiveAuctionService) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = GRPCServer(
            transport: .http2NIOPosix(
                address: .ipv4(host: host, port: port), transportSecurity: .plaintext, config: Self.transportConfig(),
                eventLoopGroup: group),
            services: [service])
        let serving = Task { _ = try? await server.serve() }
        do {
            guard let address = try await server.listeningAddress?.ipv4 else {
                throw RPCError(code: .internalError, message: "the gRPC server has no IPv4 address")
            }
            self.port = address.port
        } catch {
            server.beginGracefulShutdown()
            await serving.value
            try? await group.shutdownGracefully()
            throw error
        }
        self.service = service
        self.server = server
        self.serving = serving
        self.group = group
    }

    /// Tells every stream the node is going away, then stops (HTTP/2 GOAWAY): calls in flight get
    /// up to `drain` to finish, after which they are cancelled.
    func stop(drain: Duration = .seconds(5)) async {
        service.feeds.goAway(reason: "the node is stopping; reconnect to any node with your last position")
        server.beginGracefulShutdown()
        let serving = serving
        let deadline = Task {
            try? await Task.sleep(for: drain)
            serving.cancel()
        }
        await serving.value
        deadline.cancel()
        try? await group.shutdownGracefully()
    }
}
