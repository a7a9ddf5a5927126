import Foundation
import Metrics
import Shared
import Synchronization
import Testing
import TestServers

/// `GET /metrics` on a real server, scraped with curl: request counters by route and status,
/// WebSocket connections and frames, the named service helpers, and the text format itself.
/// Each test records into its own `ServiceMetrics` (a fresh registry), so counts are exact even
/// while other suites run in the same process.
@Suite struct MetricsTests {
    let clients = WorkerThread(name: "metrics-test-clients")

    static func makeServer(
        _ metrics: ServiceMetrics, webSockets: [String: any WebSocketHandler] = [:], _ configure: (inout HTTPServerConfiguration) -> Void = { _ in }
    ) throws -> HTTPServer {
        var router = Router()
        router.get("/hello") { _ in .text("hello") }
        router.get("/items/{id}") { request in .text("item \(request.pathParameters["id"] ?? "")") }
        router.post("/echo") { request in HTTPResponse(status: 201, body: request.body) }
        MetricsRoutes.add(to: &router, metrics: metrics)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.maxBodySize = 1024
        configuration.metrics = metrics
        configure(&configuration)
        return try HTTPServer(configuration: configuration, router: router, webSocketRoutes: webSockets)
    }

    func scrape(_ server: HTTPServer) async throws -> MetricsScrape {
        let text = try await clients.run { try ExternalClient.curl(["http://127.0.0.1:\(server.port)/metrics"]) }
        return MetricsScrape(text)
    }

    @Test func countsRequestsByRouteAndStatusAndServesThemInPrometheusTextFormat() async throws {
        let metrics = ServiceMetrics()
        let server = try Self.makeServer(metrics)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        _ = try await clients.run {
            try ExternalClient.curl(["\(base)/hello", "\(base)/hello", "\(base)/items/1", "\(base)/items/2", "\(base)/nope"])
        }
        _ = try await clients.run { try ExternalClient.curl(["-X", "POST", "\(base)/hello"]) }
        _ = try await clients.run { try ExternalClient.curl(["--data-binary", String(repeating: "x", count: 5000), "\(base)/echo"]) }
        let head = try await clients.run { try ExternalClient.curl(["-sI", "\(base)/metrics"]) }
        #expect(head.lowercased().contains("content-type: text/plain; version=0.0.4"))

        let scrape = try await scrape(server)
        #expect(scrape.problems.isEmpty, "\(scrape.problems)")
        let requests = MetricName.httpRequests
        #expect(scrape.types[requests] == "counter")
        #expect(scrape.value(requests, ["method": "GET", "route": "/hello", "status": "200"]) == 2)
        #expect(scrape.value(requests, ["method": "GET", "route": "/items/{id}", "status": "200"]) == 2)
        #expect(scrape.value(requests, ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
        #expect(scrape.value(requests, ["method": "POST", "route": "/hello", "status": "405"]) == 1)
        // Refused while reading the body, before any handler ran: still one line, one count.
        #expect(scrape.value(requests, ["method": "POST", "route": "/echo", "status": "413"]) == 1)
        #expect(scrape.types[MetricName.httpRequestDuration] == "histogram")
        #expect(scrape.value("\(MetricName.httpRequestDuration)_count", ["method": "GET", "route": "/hello"]) == 2)
        // The raw paths never become labels.
        #expect(!scrape.samples.contains { $0.labels["route"] == "/items/1" })
    }

    @Test func tracksWebSocketConnectionsAndCountsEveryFrameOnceAsSentOrDropped() async throws {
        let metrics = ServiceMetrics()
        let registry = RegistryHandler()
        let server = try Self.makeServer(metrics, webSockets: ["/live": registry])
        defer { server.stop() }
        let client = try ExternalClient.startWebSocket(["many", "ws://127.0.0.1:\(server.port)/live", "3"])
        defer { kill(client.pid, SIGKILL) }
        try await clients.run { try ChildProcess.waitUntil(timeout: 30, what: "3 connections") { registry.count == 3 } }
        let open = try await scrape(server)
        #expect(open.value(MetricName.webSocketConnections) == 3)

        // Many frames under conflation keys: each frame ends written, replaced, or discarded with
        // its connection, whatever the timing; the client reads one per connection and closes.
        let connections = registry.all
        let attempts = 300
        try await WorkerThread(name: "metrics-pusher").run {
            for index in 0..<attempts {
                connections[index % 3].send(WebSocketFrame(text: "frame \(index)"), conflationKey: index % 2 == 0 ? "even" : nil)
            }
        }
        try await clients.run { try ChildProcess.waitUntil(timeout: 60, what: "clients gone") { registry.count == 0 } }
        let afterClose = connections[0].send(text: "too late")
        #expect(afterClose == .closed)

        let closed = try await scrape(server)
        #expect(closed.problems.isEmpty, "\(closed.problems)")
        #expect(closed.value(MetricName.webSocketConnections) == 0)
        let sent = closed.value(MetricName.webSocketFramesSent) ?? 0
        let dropped = FrameDropReason.allCases.map { closed.value(MetricName.webSocketFramesDropped, ["reason": $0.rawValue]) ?? 0 }
        #expect(sent >= 3, "every connection received a frame")
        #expect(sent + dropped.reduce(0, +) == Double(attempts + 1), "sent \(sent), dropped \(dropped)")
        #expect((closed.value(MetricName.webSocketFramesDropped, ["reason": "closed"]) ?? 0) >= 1)
    }

    @Test func recordsCommandsLocksAppendsProjectionAndSubscriptionsThroughTheNamedHelpers() async throws {
        let metrics = ServiceMetrics()
        metrics.commandCompleted("placeBid", outcome: .accepted, duration: .milliseconds(3))
        metrics.commandCompleted("placeBid", outcome: .accepted, duration: .milliseconds(4))
        metrics.commandCompleted("placeBid", outcome: .rejected, duration: .milliseconds(1))
        metrics.lockWaited(.microseconds(300))
        metrics.appendCompleted(duration: .microseconds(800), events: 2)
        metrics.appendCompleted(duration: .microseconds(700), events: 0)
        metrics.eventsProjected(5)
        metrics.projectionLag(entries: 12, seconds: 0.5)
        metrics.subscriptionsChanged(by: 3)
        metrics.subscriptionsChanged(by: -1)
        let server = try Self.makeServer(metrics)
        defer { server.stop() }

        let scrape = try await scrape(server)
        #expect(scrape.problems.isEmpty, "\(scrape.problems)")
        #expect(scrape.value(MetricName.commands, ["command": "placeBid", "outcome": "accepted"]) == 2)
        #expect(scrape.value(MetricName.commands, ["command": "placeBid", "outcome": "rejected"]) == 1)
        #expect(scrape.value("\(MetricName.commandDuration)_count", ["command": "placeBid"]) == 3)
        #expect(scrape.value("\(MetricName.lockWait)_count") == 1)
        // 300 µs falls in the 0.0005 s bucket of the Redis-scale buckets, not in the first.
        #expect(scrape.value("\(MetricName.lockWait)_bucket", ["le": "0.0001"]) == 0)
        #expect(scrape.value("\(MetricName.lockWait)_bucket", ["le": "0.0005"]) == 1)
        #expect(scrape.value("\(MetricName.appendDuration)_count") == 2)
        #expect(scrape.value(MetricName.eventsAppended) == 2)
        #expect(scrape.value(MetricName.eventsProjected) == 5)
        #expect(scrape.value(MetricName.projectionLagEntries) == 12)
        #expect(scrape.value(MetricName.projectionLagSeconds) == 0.5)
        #expect(scrape.value(MetricName.webSocketSubscriptions) == 2)
    }

    @Test func bootstrappingTwiceIsHarmlessAndRoutesGlobalSwiftMetricsToTheProcessRegistry() {
        ServiceMetrics.bootstrapProcess()
        ServiceMetrics.bootstrapProcess()
        let name = "metrics_test_global_\(UInt32.random(in: 0...UInt32.max))"
        Counter(label: name).increment(by: 7)
        let scrape = MetricsScrape(ServiceMetrics.process.registry.emitToString())
        #expect(scrape.value(name) == 7)
    }
}
