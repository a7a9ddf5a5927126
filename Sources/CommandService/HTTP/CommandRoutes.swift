import AuctionDomain
import Foundation
import Logging
import Shared

/// The HTTP command API (`docs/command-api.md`): accounts, sessions, auctions, bids, cancels,
/// and `/ready`. Handlers run as Swift tasks (the `Router`'s contract), never on the lws thread.
struct CommandRoutes: Sendable {
    let executor: AuctionCommandExecutor
    let users: UserDirectory
    let authenticator: Authenticator
    /// Refuses log-ins over the failure limits before their password is hashed.
    let loginThrottle: LoginThrottle
    let clientAddresses: ClientAddressResolver
    /// How long a session token is valid.
    let sessionLifetimeSeconds: Int64
    let metrics: ServiceMetrics
    let logger: Logger

    var layout: EventStreamLayout { executor.store.layout }
    var redis: RedisClient { executor.store.redis }

    func add(to router: inout Router) {
        router.post("/v1/users") { await register($0) }
        router.post("/v1/sessions") { await logIn($0) }
        router.post("/v1/auctions", timed("createAuction") { await createAuction($0) })
        router.post("/v1/auctions/{id}/bids", timed("placeBid") { await placeBid($0) })
        router.post("/v1/auctions/{id}/cancel", timed("cancelAuction") { await cancelAuction($0) })
        router.get("/ready") { _ in await ready() }
    }

    /// `200` when Redis answers `PING`, else `503`: a balancer stops sending commands here.
    func ready() async -> HTTPResponse {
        do {
            _ = try await redis.send("PING")
            return .json(Array(#"{"status":"ready","service":"command"}"#.utf8))
        } catch {
            return APIError(status: 503, code: "not_ready", message: "Redis cannot be reached.").response.with(header: "Retry-After", "1")
        }
    }

    /// Runs an auction command and answers with its recorded outcome.
    func run(_ request: CommandRequest, record: @escaping AuctionCommandExecutor.RecordBuilder) async -> HTTPResponse {
        do {
            return CommandResponder.response(try await executor.execute(request, record: record), fingerprint: request.fingerprint)
        } catch {
            return CommandResponder.failure(error, logger: logger)
        }
    }

    /// Wraps a handler so that its outcome and duration are counted (`auction_commands_total`).
    private func timed(_ name: String, _ handler: @escaping Router.Handler) -> Router.Handler {
        { request in
            let clock = ContinuousClock()
            let started = clock.now
            let response = await handler(request)
            metrics.commandCompleted(name, outcome: Self.outcome(of: response), duration: clock.now - started)
            return response
        }
    }

    private static func outcome(of response: HTTPResponse) -> CommandOutcome {
        if response.headers.contains(where: { $0.name == "Idempotent-Replayed" }) { return .duplicate }
        switch response.status {
        case 200..<300: return .accepted
        case 400, 413, 422: return .invalid
        case 401, 403: return .unauthorized
        case 404, 409: return .rejected
        case 503: return .unavailable
        default: return .failed
        }
    }
}
