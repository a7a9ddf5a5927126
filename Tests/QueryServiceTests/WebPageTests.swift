import AuctionDomain
import Foundation
import Shared
import Testing
@testable import QueryService

/// The server-rendered pages through the real server with curl: every page renders with the
/// Content-Security-Policy, values are escaped, the first page and the live updates are the same
/// fragments, and form posts without a valid CSRF token are refused before anything is relayed.
@Suite struct WebPageTests {
    static let script = "<script>alert(1)</script>"

    static func history(_ node: WebTestbed) async throws {
        try await node.append([
            WebFixtures.user("seller-1", name: "Sam \(script)"), WebFixtures.user("bob", name: "Bob"),
            try WebFixtures.auction("lamp", endsAt: WebFixtures.start + 9_000_000),
            try WebFixtures.auction("xss", title: script, description: "\"><img src=x onerror=alert(2)>", endsAt: WebFixtures.start + 8_000_000),
        ] + WebFixtures.bid("lamp", bidder: "bob", number: 1, version: 2, price: 1_000))
    }

    /// Status line, lower-cased headers and body of `curl -i`.
    static func split(_ output: String) -> (status: Int, headers: String, body: String) {
        let parts = output.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, head.lowercased(), parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test(arguments: [
        ("/", 200), ("/auctions/lamp", 200), ("/auctions/xss", 200), ("/users/seller-1", 200), ("/login", 200), ("/register", 200), ("/auctions", 200),
        ("/nope", 404), ("/auctions/missing", 404), ("/users/missing", 404), ("/auctions/bad%20id", 404),
    ])
    func everyPageRendersWithTheContentSecurityPolicy(_ path: String, _ status: Int) async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let page = Self.split(try await node.curl(["-i", path]))
        #expect(page.status == status)
        #expect(page.headers.contains("content-type: text/html; charset=utf-8"))
        #expect(page.headers.contains("content-security-policy: default-src 'self'; script-src 'self';"))
        #expect(page.headers.contains("set-cookie: auction_browser="))
        #expect(page.headers.contains("httponly; samesite=lax"))
        #expect(page.body.hasPrefix("<!DOCTYPE html>"))
        #expect(page.body.contains("<script src=\"/assets/live.js\" defer></script>"))
        #expect(page.body.components(separatedBy: "<script").count == 2, "the only script element is the external one")
        #expect(!page.body.contains("<img"), "no element from a value")
        await node.close()
    }

    @Test func theScriptAndTheSellPageForVisitors() async throws {
        let node = try await WebTestbed.make()
        let script = Self.split(try await node.curl(["-i", "/assets/live.js"]))
        #expect(script.status == 200)
        #expect(script.headers.contains("content-type: text/javascript; charset=utf-8"))
        #expect(script.body.contains("new WebSocket("))
        let sell = Self.split(try await node.curl(["-i", "/sell"]))
        #expect(sell.status == 303)
        #expect(sell.headers.contains("location: /login?next=%2fsell"))
        await node.close()
    }

    @Test func anAuctionTitledWithAScriptTagRendersAsTextEverywhere() async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        for path in ["/", "/auctions/xss", "/users/seller-1"] {
            let body = try await node.curl([path])
            #expect(body.contains(escaped), "\(path)")
            #expect(!body.contains(Self.script), "\(path)")
            #expect(!body.contains("<img"), "\(path)")
        }
        let detail = try await node.curl(["/auctions/xss"])
        #expect(detail.contains("<title>\(escaped) · Live Auctions</title>"))
        #expect(detail.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        await node.close()
    }

    @Test func theFirstPageShowsExactlyTheFragmentsItsLiveTopicsSend() async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let home = try await node.curl(["/"])
        let auction = try await node.curl(["/auctions/lamp"])
        let sink = RecordingSink(id: 77)
        _ = await node.hub.subscribe([.home, .auction("lamp"), .auctionBids("lamp")], after: 0, sink: sink)
        let fragments = LiveReadModelTests.fragments(sink)
        #expect(fragments.count == 3)
        let homeFragment = try #require(fragments["home"])
        #expect(home.contains(homeFragment))
        let panel = try #require(fragments["auction:lamp"])
        let bids = try #require(fragments["auction:lamp:bids"])
        #expect(auction.contains(panel))
        #expect(auction.contains(bids))
        #expect(panel.contains("Bob"))
        let position = try await node.dependencies.reader.position()
        #expect(auction.contains("data-live-position=\"\(position)\""))
        #expect(auction.contains("data-live-epoch=\"\(await node.hub.epoch)\""))
        await node.close()
    }

    @Test func formPostsWithoutThisBrowsersCSRFTokenAreRefusedWith403() async throws {
        let node = try await WebTestbed.make()
        try await Self.history(node)
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path
        let token = node.dependencies.signer.issue(userID: "bob", expiresAt: Int64(Date().timeIntervalSince1970) + 600)
        // A page visit gives the browser its id; the form on it carries the matching token.
        let auction = try await node.curl(["-c", jar, "-b", "auction_session=\(token)", "/auctions/lamp"])
        let csrf = try #require(Self.csrf(in: auction))
        #expect(auction.contains("class=\"bid-form\""))
        let attempts: [[String]] = [
            ["-X", "POST", "-d", "maximum=20.00&csrf=\(csrf)", "/auctions/lamp/bids"],
            ["-b", "auction_session=\(token)", "-X", "POST", "-d", "maximum=20.00&csrf=\(csrf)", "/auctions/lamp/bids"],
            ["-b", jar, "-X", "POST", "-d", "maximum=20.00&csrf=forged", "/auctions/lamp/bids"],
            ["-b", jar, "-X", "POST", "-d", "maximum=20.00", "/auctions/lamp/bids"],
            ["-b", jar, "-X", "POST", "-d", "username=bob&password=pw", "/login"],
            ["-X", "POST", "-d", "username=bob&password=pw&csrf=\(csrf)", "/login"],
            ["-b", jar, "-X", "POST", "-d", "displayName=x&password=pw&csrf=nope", "/register"],
            ["-b", jar, "-X", "POST", "-d", "csrf=", "/logout"],
            ["-b", jar, "-X", "POST", "-d", "title=x&csrf=nope", "/sell"],
        ]
        for attempt in attempts {
            let response = Self.split(try await node.curl(["-i"] + attempt))
            #expect(response.status == 403, "\(attempt)")
            #expect(response.body.contains("Form expired"), "\(attempt)")
            #expect(response.headers.contains("content-security-policy:"))
        }
        let unchanged = try await node.dependencies.reader.auction("lamp")
        #expect(unchanged?.bidCount == 1)
        await node.close()
    }

    @Test func theCommandServicesAnswerComesBackToTheForm() async throws {
        let node = try await WebTestbed.make()
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path
        let form = try await node.curl(["-c", jar, "-b", jar, "/login?next=%2Fauctions%2Flamp"])
        let csrf = try #require(Self.csrf(in: form))
        #expect(form.contains("name=\"next\" value=\"/auctions/lamp\""))
        // The relay's only command URL is unreachable: its 503 message is what the user sees.
        let posted = Self.split(try await node.curl(["-i", "-c", jar, "-b", jar, "-d", "username=bob&password=secret-pw&next=%2Fauctions%2Flamp&csrf=\(csrf)", "/login"]))
        #expect(posted.status == 303)
        #expect(posted.headers.contains("location: /login?next=%2fauctions%2flamp"))
        let shown = try await node.curl(["-c", jar, "-b", jar, "/login?next=%2Fauctions%2Flamp"])
        #expect(shown.contains("class=\"form-error\" role=\"alert\">The command service is unreachable; please retry.</p>"))
        #expect(shown.contains("value=\"bob\""))
        #expect(!shown.contains("secret-pw"))
        let again = try await node.curl(["-c", jar, "-b", jar, "/login"])
        #expect(!again.contains("form-error"), "a flash is shown once")
        await node.close()
    }

    @Test func browsingFollowsNextPageLinksThroughEveryOpenAuction() async throws {
        let node = try await WebTestbed.make()
        try await node.append(try (0..<45).map { try WebFixtures.auction("lot-\($0)", title: "Lot \($0)", endsAt: WebFixtures.start + 9_000_000 + Int64($0)) })
        var path: String? = "/auctions"
        var titles: [String] = []
        while let current = path, titles.count < 100 {
            let page = try await node.curl([current])
            titles += page.components(separatedBy: ">Lot ").dropFirst().compactMap { $0.split(separator: "<").first.map { "Lot \($0)" } }
            path = page.range(of: "href=\"/auctions?cursor=").map { start in
                let rest = page[start.upperBound...]
                return "/auctions?cursor=" + rest.prefix { $0 != "\"" }
            }
        }
        #expect(titles == (0..<45).map { "Lot \($0)" })
        let bad = Self.split(try await node.curl(["-i", "/auctions?cursor=nonsense"]))
        #expect(bad.status == 400)
        await node.close()
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
