import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Issue #8, transport abuse against real processes (a CommandService and QueryService nodes):
/// oversized bodies, headers and WebSocket messages are refused; slow headers (slowhttptest),
/// slow bodies and floods of idle or half-sent connections do not stop either service from
/// answering a normal client. "Answering" is a generous correctness bound (5 s per request on a
/// shared machine), not a performance claim.
@Suite(.serialized) struct SecurityTransportTests {
    @Test func oversizedBodiesHeadersAndMessagesAreRefusedAndBothServicesKeepAnswering() async throws {
        let cluster = try await EndToEndCluster.start()
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: big, contents: Data(repeating: UInt8(ascii: "a"), count: 1_000_000)))
        let targets = [("command", cluster.commands.port, "/v1/users"), ("query", cluster.nodeA.port, "/register")]
        for (service, port, post) in targets {
            let base = "http://127.0.0.1:\(port)"
            let tooBig = WebPageTests.split(
                try await Self.curl(["-i", "-H", "Content-Type: application/json", "--data-binary", "@\(big)", base + post]))
            #expect(tooBig.status == 413, "\(service)")
            let error = try WebFixtures.json(tooBig.body)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "payload_too_large", "\(service): \(tooBig.body)")
            // Browsers send up to about 4 KB per cookie; several together must still be read.
            let cookies = (1...3).map { "c\($0)=\(String(repeating: "x", count: 3_900))" }.joined(separator: "; ")
            let withCookies = try await Self.curl(["-o", "/dev/null", "-w", "%{http_code}", "-H", "Cookie: \(cookies)", base + "/health"])
            #expect(withCookies == "200", "\(service)")
            // Headers past the limit: the connection is dropped without an answer, and nothing else is.
            let huge = String(repeating: "h", count: 64 * 1024)
            await #expect(throws: TestServerError.self, "\(service)") { try await Self.curl(["-H", "X-Huge: \(huge)", base + "/health"]) }
            let manyHeaders = (0..<2_000).flatMap { ["-H", "X-Header-\($0): v"] }
            await #expect(throws: TestServerError.self, "\(service)") { try await Self.curl(manyHeaders + [base + "/health"]) }
            try await Self.expectAnswering(base, service)
        }
        for node in [cluster.nodeA, cluster.nodeB] {
            let url = "ws://127.0.0.1:\(node.port)/live"
            let line = try await WebTestbed.clients.run { try ExternalClient.webSocket(["too-big", url, "1000000"]).first }
            #expect(line?.status?.contains(" 101 ") == true)
            #expect(line?.code == 1009, "a message over the limit closes with 1009")
            let echo = try await WebTestbed.clients.run { try ExternalClient.webSocket(["origin", url, "http://127.0.0.1:\(node.port)"]).first }
            #expect(echo?.status?.contains(" 101 ") == true, "the next client is served")
            try await Self.expectAnswering("http://127.0.0.1:\(node.port)", "node \(node.port)")
        }
        await cluster.stop()
    }

    @Test(.enabled(if: (try? ChildProcess.find("slowhttptest")) != nil, "needs slowhttptest (scripts/setup.sh)"))
    func slowHeadersAndSlowBodiesDoNotStarveNormalClients() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        let page = try await Self.auctionPage(cluster)
        let command = "http://127.0.0.1:\(cluster.commands.port)"
        // slowhttptest: -H slow headers (one line every 10 s), -B slow body; 500 connections each.
        let slowhttptest = try ChildProcess.find("slowhttptest")
        var attacks: [pid_t] = []
        let targets = [("-H", command + "/health"), ("-H", cluster.baseA + "/"), ("-B", command + "/v1/users"), ("-B", cluster.baseA + "/login")]
        for (mode, url) in targets {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("slowhttptest-\(UUID().uuidString).log")
            let verb = mode == "-B" ? "POST" : "GET"
            let arguments = [mode, "-c", "500", "-i", "10", "-r", "200", "-s", "8192", "-t", verb, "-u", url, "-l", "30"]
            attacks.append(try ChildProcess.start(slowhttptest, arguments, logFile: log))
        }
        for _ in 0..<8 {
            try await Task.sleep(for: .seconds(3))
            try await Self.expectAnswering(command, "command")
            try await Self.expectAnswering(cluster.baseA, "query")
            #expect(try await Self.curl(["-o", "/dev/null", "-w", "%{http_code}", cluster.baseA + page]) == "200", "the auction page")
        }
        for pid in attacks { _ = try await WebTestbed.clients.run { ChildProcess.wait(pid) } }
        await cluster.stop()
    }

    @Test(arguments: [("idle", 2_000), ("partial", 1_000)])
    func aFloodOfConnectionsLeavesBothServicesAnswering(_ mode: String, _ count: Int) async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        let page = try await Self.auctionPage(cluster)
        for (service, port, probes) in [("command", cluster.commands.port, ["/health"]), ("query", cluster.nodeA.port, ["/health", page])] {
            let base = "http://127.0.0.1:\(port)"
            let result = try await Self.flood(mode, port: port, count: count, probes: probes.map { base + $0 })
            #expect(result["opened"] as? Int == count, "\(service): \(result)")
            for probe in result["probes"] as? [[String: Any]] ?? [] {
                #expect(probe["status"] as? Int == 200, "\(service) under a flood of \(count) \(mode) connections: \(probe)")
            }
            try await Self.expectAnswering(base, service)
        }
        await cluster.stop()
    }

    /// With few descriptors (`prlimit --nofile=256`), a flood past the limit must not stop the
    /// connections already open from being served, nor spin on failing accepts (`EMFILE`).
    @Test(.enabled(if: (try? ChildProcess.find("prlimit")) != nil, "needs prlimit (util-linux)"))
    func pastTheDescriptorLimitOpenConnectionsAreStillServed() async throws {
        let cluster = try await EndToEndCluster.start()
        let port = try FreePort.next()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("limited-command-\(UUID().uuidString).log")
        let executable = ServiceProcess.productsFolder.appendingPathComponent("CommandService").path
        let pid = try ChildProcess.start(try ChildProcess.find("prlimit"), [
            "--nofile=256:256", executable, "--host", "127.0.0.1", "--port", "\(port)", "--redis-port", "\(cluster.projection.redisServer.port)",
            "--partitions", "\(cluster.projection.layout.partitionCount)", "--session-secret", WebTestbed.secret, "--log-level", "warning",
        ], logFile: log)
        defer { ChildProcess.stop(pid) }
        let base = "http://127.0.0.1:\(port)"
        try await WebTestbed.clients.run {
            try ChildProcess.waitUntil(timeout: 30, what: "CommandService under prlimit") {
                (try? ExternalClient.curl(["-f", base + "/health"])) != nil
            }
        }
        let result = try await Self.flood("idle", port: port, count: 1_000, probes: [base + "/health"])
        let probes = result["probes"] as? [[String: Any]] ?? []
        let kept = probes.filter { ($0["url"] as? String)?.hasPrefix("kept:") == true }
        #expect(kept.count == 6)
        for probe in kept { #expect(probe["status"] as? Int == 200, "an open connection is served: \(probe)") }
        // Once the flood is gone, new clients are served again.
        try await WebTestbed.clients.run {
            try ChildProcess.waitUntil(timeout: 40, what: "a new connection after the flood") {
                (try? ExternalClient.curl(["-f", "--max-time", "5", base + "/health"])) != nil
            }
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!output.contains("accept: errno"), "no busy loop on EMFILE: \(output.suffix(300))")
        await cluster.stop()
    }

    @Test(arguments: [(10, 1), (64, 32), (256, 192), (1_024, 768), (20_000, 19_744)])
    func theConnectionLimitLeavesDescriptorsForTheProcessItself(_ descriptors: Int, _ connections: Int) {
        #expect(HTTPServerConfiguration.connectionLimit(descriptorLimit: descriptors) == connections)
    }

    /// `/health` answers 200 within 5 s, three times.
    static func expectAnswering(_ base: String, _ service: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<3 {
            let status = try await curl(["-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", base + "/health"])
            #expect(status == "200", "\(service) answers /health", sourceLocation: sourceLocation)
        }
    }

    static func curl(_ arguments: [String]) async throws -> String {
        try await WebTestbed.clients.run { try ExternalClient.curl(arguments) }
    }

    /// Lists an auction through the CommandService; returns its page path once node A has it.
    static func auctionPage(_ cluster: EndToEndCluster) async throws -> String {
        let commands = "http://127.0.0.1:\(cluster.commands.port)"
        let credentials = ["displayName": "Transport Seller", "password": "long password"]
        _ = try await SecuritySQLTests.post(commands + "/v1/users", credentials)
        let token = try #require(try await SecuritySQLTests.post(commands + "/v1/sessions", credentials).json["token"] as? String)
        let created = try await SecuritySQLTests.post(commands + "/v1/auctions", [
            "title": "Sturdy lamp", "startingPrice": ["currency": "EUR", "minorUnits": 500], "durationSeconds": 3600,
        ], token: token, key: "transport-lamp")
        let id = try #require(created.json["auctionID"] as? String, "\(created.body)")
        _ = try await SecuritySQLTests.waitFor("/auctions/\(id)", on: Browser(base: cluster.baseA))
        return "/auctions/\(id)"
    }

    /// Runs `Tests/clients/security_flood.py` and returns its report.
    static func flood(_ mode: String, port: Int, count: Int, probes: [String]) async throws -> [String: Any] {
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "security_flood.py")
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run(try ChildProcess.find("python3"), [script, mode, "127.0.0.1", "\(port)", "\(count)"] + probes)
        }
        return try WebFixtures.json(output.split(separator: "\n").last.map(String.init) ?? "")
    }
}
