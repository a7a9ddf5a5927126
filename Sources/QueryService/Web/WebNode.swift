import Logging
import Shared

/// Everything a serving node adds on top of its projection: the live hub fed by the projector's
/// committed events, the CommandService client, the pages' dependencies, the `/live` WebSocket
/// handler and the handshake's origin policy. Built before the projection starts, so the hub's
/// listener misses no event.
final class WebNode: Sendable {
    let hub: LiveHub
    let feed: LiveEventFeed
    let dependencies: WebDependencies
    let originPolicy: OriginPolicy
    /// The `/live` endpoint.
    let liveSocket: LiveSocketHandler

    init(options: WebOptions, reader: ReadModelReader, publisher: CommittedEventPublisher, logger: Logger) throws {
        if options.sessionSecret.isEmpty {
            logger.warning("no --session-secret (SESSION_SECRET): sessions from the CommandService cannot be verified; signing in is disabled")
        }
        hub = LiveHub(catalog: TopicCatalog(loader: LiveSeedLoader(reader: reader)))
        feed = LiveEventFeed(hub: hub)
        publisher.add(feed)
        var dependencies = WebDependencies(
            reader: reader, hub: hub, commands: CommandClient(relay: CommandRelay(baseURLs: options.urls)),
            signer: try SessionTokenSigner(secret: options.effectiveSecret))
        dependencies.readYourWritesTimeout = .milliseconds(options.readYourWritesMs)
        originPolicy = OriginPolicy(allowed: options.allowedOrigins)
        dependencies.formOrigins = originPolicy
        dependencies.clientAddresses = ClientAddressResolver(trustedProxies: options.trustedProxies)
        self.dependencies = dependencies
        liveSocket = LiveSocketHandler(hub: hub, relay: dependencies.bidPlacer)
    }

    /// The WebSocket routes for `HTTPServer(webSocketRoutes:)`.
    var webSocketRoutes: [String: any WebSocketHandler] {
        ["/live": liveSocket]
    }

    /// Adds the pages and the REST API to `router`.
    func addRoutes(to router: inout Router) {
        APIRoutes.add(to: &router, reader: dependencies.reader)
        WebRoutes.add(to: &router, dependencies: dependencies)
    }

    /// Lets the hub finish the events already received (call after the projection stopped).
    func finish() async { await feed.finish() }
}
