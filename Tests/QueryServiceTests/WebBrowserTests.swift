import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Headless Chromium (Debian's `chromium-headless-shell`, a test-only install) against two
/// nodes on one CommandService: the auction page open on node A updates without a reload when
/// a bid is placed through node B, the page's own bid form works over its WebSocket, and the
/// script-like title runs nothing.
@Suite(.serialized, .enabled(if: HeadlessChromium.path != nil, "needs chromium-headless-shell (apt-get install chromium-headless-shell)"))
struct WebBrowserTests {
    static var chromium: String? { HeadlessChromium.path }

    @Test func anOpenPageUpdatesLiveFromAnotherNodesBidAndItsOwnFormBidsOverTheSocket() async throws {
        let fixture = try await WebCommandFixture.start()
        let nodeB = try await WebTestbed.makeSecond(beside: fixture.node)
        try await Self.liveScenario(nodeA: fixture.node.base, nodeB: nodeB.base)
        await nodeB.close()
        await fixture.close()
    }

    /// The browser scenario against two nodes' base URLs (in-process or real processes).
    static func liveScenario(nodeA: String, nodeB: String) async throws {
        let seller = Browser(base: nodeA), viewer = Browser(base: nodeA), remote = Browser(base: nodeB)
        _ = try await seller.submit(try await seller.get("/register"), to: "/register", ["displayName": "Sid", "password": "long password"])
        let listed = try await seller.submit(try await seller.get("/sell"), to: "/sell", [
            "title": WebPageTests.script, "description": "<img src=x onerror=alert(2)>", "startingPrice": "10.00", "currency": "EUR",
            "durationMinutes": "60",
        ])
        let location = try #require(listed.headers.split(separator: "\r\n").first { $0.hasPrefix("location: /auctions/") })
        let id = String(location.dropFirst("location: /auctions/".count))
        _ = try await viewer.submit(try await viewer.get("/register"), to: "/register", ["displayName": "Vic Viewer", "password": "long password"])
        _ = try await remote.submit(try await remote.get("/register"), to: "/register", ["displayName": "Rae Remote", "password": "long password"])
        let session = try #require(try viewer.cookie("auction_session"))

        let go = FileManager.default.temporaryDirectory.appendingPathComponent("go-\(UUID().uuidString)").path
        let panel = "document.getElementById('price-\(id)')"
        let leader = "(\(panel).querySelector('.leader .name') || {}).textContent"
        let steps: [[String: Any]] = [
            ["cookie": ["name": "auction_session", "value": session, "url": nodeA]],
            ["navigate": "\(nodeA)/auctions/\(id)"],
            ["eval": "window.__samePage = true; document.querySelector('h1').textContent", "as": "title"],
            ["wait": "document.getElementById('live-status').textContent === 'live'", "as": "live"],
            ["signal": "ready"],
            ["wait_file": go, "timeout": 60],
            ["wait": "\(leader) === 'Rae Remote'", "as": "remote-bid-shown"],
            ["eval": "window.__samePage === true", "as": "no-reload"],
            ["eval": "document.getElementById('maximum-\(id)').value = '30.00'; document.querySelector('form.bid-form button').click(); true", "as": "submit"],
            ["wait": "(t => !t.startsWith('Placing') && t)(document.querySelector('.bid-result').textContent)", "as": "own-result", "timeout": 20],
            ["wait": "\(leader) === 'Vic Viewer' && \(panel).querySelector('strong').textContent", "as": "own-bid-shown"],
            ["wait": "document.querySelectorAll('#bids-\(id) li').length === 2", "as": "history"],
            ["eval": "window.__samePage === true", "as": "still-no-reload"],
            ["eval": "document.querySelectorAll('script').length + ':' + document.querySelectorAll('img').length", "as": "elements"],
        ]
        let stepsJSON = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "browser_check.py")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString).log")
        let chromium = try #require(Self.chromium)
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), [script, chromium, stepsJSON], logFile: log)

        try await Self.waitForLine(in: log, containing: #""signal": "ready""#)
        // The bid goes through node B's form; node A's page must show it by itself.
        let remoteForm = try await remote.get("/auctions/\(id)")
        let placed = try await remote.submit(remoteForm, to: "/auctions/\(id)/bids", ["maximum": "20.00"])
        #expect(placed.status == 303)
        #expect(FileManager.default.createFile(atPath: go, contents: Data()))
        let status = try await WebTestbed.clients.run { ChildProcess.wait(pid) }
        #expect(status == 0)

        let lines = Self.lines(log)
        let values = Dictionary(lines.compactMap { line -> (String, Any)? in
            guard let name = (line["eval"] ?? line["wait"]) as? String else { return nil }
            return (name, line["ok"] as? Bool == false ? false : line["value"] ?? NSNull())
        }, uniquingKeysWith: { first, _ in first })
        #expect(values["title"] as? String == WebPageTests.script, "the title is text")
        #expect(values["live"] as? Bool == true)
        #expect(values["remote-bid-shown"] as? Bool == true, "node B's bid appears on node A's open page")
        #expect(values["no-reload"] as? Bool == true)
        #expect((values["own-result"] as? String)?.contains("You are the highest bidder at €20.50.") == true, "\(values["own-result"] ?? "")")
        #expect(values["own-bid-shown"] as? String == "€20.50")
        #expect(values["history"] as? Bool == true)
        #expect(values["still-no-reload"] as? Bool == true, "the form bid went over the WebSocket")
        #expect(values["elements"] as? String == "1:0", "only the external script; no element from a value")
        let report = try #require(lines.last { $0["dialogs"] != nil })
        #expect((report["dialogs"] as? [Any])?.isEmpty == true, "no alert() ran")
        #expect((report["exceptions"] as? [Any])?.isEmpty == true, "\(report)")

        let aView = try WebFixtures.json(try await viewer.curl(["/v1/auctions/\(id)"]))
        #expect(aView["bidCount"] as? Int == 2)
    }

    static func lines(_ log: URL) -> [[String: Any]] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { try? WebFixtures.json(String($0)) }
    }

    static func waitForLine(in log: URL, containing text: String) async throws {
        for _ in 0..<600 {
            if let content = try? String(contentsOf: log, encoding: .utf8), content.contains(text) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestServerError("the browser never said \(text): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }
}

/// Where Debian installs headless Chromium, if it is installed.
enum HeadlessChromium {
    static let path: String? = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
