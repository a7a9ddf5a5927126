import AuctionDomain
import Foundation
import Shared
import TestServers
@testable import QueryService

/// A QueryService node in-process for the page and REST tests: its own redis-server and read
/// model (``ProjectionTestbed``), the projector running, the live hub fed by it, and the real
/// HTTP/WebSocket server on a free port with the node's pages, REST API and `/live`.
/// Clients are independent: curl, Python, Chromium.
final class WebTestbed: Sendable {
    static let secret = "web-test-secret-0123456789abcdef"
    static let clients = WorkerThread(name: "web-test-clients")

    let projection: ProjectionTestbed
    let projector: Projector
    let feed: LiveEventFeed
    let hub: LiveHub
    let server: HTTPServer
    let dependencies: WebDependencies
    let commandURLs: [URL]
    /// A second node's own database (nil: the projection testbed's).
    private let ownDatabase: PostgresClient?
    private let running: Task<Void, Never>

    /// - Parameter commandURLs: the CommandService(s) to relay to; an unreachable one by default.
    static func make(commandURLs: [URL] = [URL(string: "http://127.0.0.1:9")!], projection: ProjectionTestbed? = nil) async throws -> WebTestbed {
        let testbed: ProjectionTestbed
        if let projection { testbed = projection } else { testbed = try await ProjectionTestbed.make() }
        return try WebTestbed(projection: testbed, commandURLs: commandURLs, databaseURL: nil)
    }

    /// Another node on the same Redis (so the same events and the same CommandService) with its
    /// own read model database, as a second QueryService instance is.
    static func makeSecond(beside first: WebTestbed) async throws -> WebTestbed {
        let url = try await first.projection.otherDatabase()
        return try WebTestbed(projection: first.projection, commandURLs: first.commandURLs, databaseURL: url)
    }

    private init(projection: ProjectionTestbed, commandURLs: [URL], databaseURL: String?) throws {
        self.projection = projection
        self.commandURLs = commandURLs
        ownDatabase = databaseURL.map { PostgresClient(connectionString: $0, size: 3, name: "second-node") }
        let publisher = CommittedEventPublisher()
        let reader = ReadModelReader(database: ownDatabase ?? projection.database)
        // Pages wait for the hub to process what the projector committed; on a loaded machine
        // (the whole suite in parallel on 2 cores) that can take longer than the product's 2 s.
        var hubConfiguration = LiveHub.Configuration()
        hubConfiguration.catchUpTimeout = .seconds(20)
        hub = LiveHub(catalog: TopicCatalog(loader: LiveSeedLoader(reader: reader)), configuration: hubConfiguration)
        feed = LiveEventFeed(hub: hub)
        publisher.add(feed)
        projector = projection.projector(databaseURL: databaseURL, publisher: publisher)
        dependencies = WebDependencies(
            reader: reader, hub: hub, commands: CommandClient(relay: CommandRelay(baseURLs: commandURLs, timeout: 5)),
            signer: try SessionTokenSigner(secret: Self.secret))
        var router = Router()
        HealthRoutes.add(to: &router, service: "query")
        APIRoutes.add(to: &router, reader: reader)
        WebRoutes.add(to: &router, dependencies: dependencies)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.allowOrigin = OriginPolicy(allowed: []).allows
        server = try HTTPServer(
            configuration: configuration, router: router,
            webSocketRoutes: ["/live": LiveSocketHandler(hub: hub, relay: dependencies.bidPlacer)])
        let projector = self.projector
        running = Task { await projector.run() }
    }

    var base: String { "http://127.0.0.1:\(server.port)" }

    /// Appends events as the CommandService would and waits until the read model has them all.
    func append(_ envelopes: [PublicEventEnvelope]) async throws {
        // The baseline is read before appending: read after, it could already include some of them.
        let target = try await projectedEntries() + Int64(envelopes.count)
        try await projection.append(envelopes)
        // The projected position doubles as the hub's target: no extra read-model query (tests count them).
        try await waitUntilTheHubProcessed(try await waitUntilProjected(target: target, count: envelopes.count))
    }

    /// The projector commits, then hands the events to the hub: on a loaded machine a page read in
    /// between is served from the hub's previous state (and its live update follows). Tests that
    /// compare a page with the read model wait for the hub too.
    private func waitUntilTheHubProcessed(_ position: Int64) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while await hub.processed < position {
            guard ContinuousClock.now < deadline else { throw TestServerError("the hub never processed position \(position)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until the read model reached `target`; returns the position it then showed.
    @discardableResult
    private func waitUntilProjected(target: Int64, count: Int) async throws -> Int64 {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let position = try await projectedEntries()
            if position >= target { return position }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestServerError("the projector did not apply \(count) events")
    }

    private func projectedEntries() async throws -> Int64 {
        try await dependencies.reader.position()
    }

    /// Runs curl against this node (a relative path is prefixed with the base URL).
    func curl(_ arguments: [String]) async throws -> String {
        let base = self.base
        // Paths of this node become URLs; local files (`-o /dev/null`, cookie jars in /tmp) stay as they are.
        let absolute = arguments.map { $0.hasPrefix("/") && !$0.hasPrefix("/dev/") && !$0.hasPrefix("/tmp/") ? base + $0 : $0 }
        return try await Self.clients.run { try ExternalClient.curl(absolute) }
    }

    func close() async {
        server.stop()
        await projector.stop()
        await running.value
        await feed.finish()
        await projector.close()
        if let ownDatabase { await ownDatabase.close() } else { await projection.close() }
    }
}
