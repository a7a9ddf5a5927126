import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Issue #8, SQL and encoding metacharacters: text full of quotes, comment markers, backslashes,
/// LIKE wildcards, dollar quoting and non-ASCII, at the length limits, goes in through the
/// CommandService's REST API and comes back verbatim from a QueryService node's REST API (the
/// PostgreSQL read model) and, escaped exactly once, on its pages. Hostile path segments and query
/// parameters get 4xx JSON and leave the tables whole.
@Suite(.serialized) struct SecuritySQLTests {
    /// Display names: 1...50 Characters, no surrounding whitespace.
    static let names = [
        "O'Brien\"; DROP TABLE users; --",
        "' OR '1'='1",
        "/* c */ \\ back\\slash \\' %_ wild%",
        "Robert'); DELETE FROM auctions;--",
        "$1 $$dollar$$ E'\\x00' ::text",
        "ünïcödé 漢字 🎉 \u{202E}rtl ‮ Ω",
        String(repeating: "'\"", count: 25),
    ]
    static let metacharacters = "'\";--/* */\\%_$$`\u{00A0}ü漢🎉"
    /// Titles: one per name, and one at the 200-Character limit.
    static let titles = names + [
        String(repeating: metacharacters, count: 200 / metacharacters.count) + String(repeating: "'", count: 200 % metacharacters.count),
    ]
    /// At the 5000-Character limit.
    static let longDescription = String(repeating: metacharacters, count: 5000 / metacharacters.count)
        + String(repeating: "\\", count: 5000 % metacharacters.count)

    @Test func metacharactersAtTheLimitsAreStoredAndShownVerbatim() async throws {
        #expect(Self.titles.last?.count == 200)
        #expect(Self.longDescription.count == 5000)
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        let commands = "http://127.0.0.1:\(cluster.commands.port)"

        var users: [(id: String, token: String)] = []
        for name in Self.names {
            let credentials = ["displayName": name, "password": "long password \(name)"]
            let registered = try await Self.post(commands + "/v1/users", credentials)
            #expect(registered.status == 201, "\(name): \(registered.body)")
            #expect(registered.json["displayName"] as? String == name)
            let session = try await Self.post(commands + "/v1/sessions", credentials)
            users.append((try #require(registered.json["userID"] as? String), try #require(session.json["token"] as? String, "\(name)")))
        }
        var auctions: [String] = []
        for (index, title) in Self.titles.enumerated() {
            let description = index == 0 ? Self.longDescription : title
            let created = try await Self.post(commands + "/v1/auctions", [
                "title": title, "description": description, "startingPrice": ["currency": "EUR", "minorUnits": 500], "durationSeconds": 3600,
            ], token: users[0].token, key: "sql-\(index)")
            #expect(created.status == 201, "\(title): \(created.body)")
            auctions.append(try #require(created.json["auctionID"] as? String))
        }
        for (index, user) in users.enumerated().dropFirst() {
            let maximum: [String: Any] = ["maximum": ["currency": "EUR", "minorUnits": 1_000 * index]]
            let bid = try await Self.post(commands + "/v1/auctions/\(auctions[0])/bids", maximum, token: user.token, key: "sql-bid-\(index)")
            #expect(bid.status == 201, "\(bid.body)")
        }
        let node = Browser(base: cluster.baseA)
        try await Self.waitForBids(Self.names.count - 1, on: auctions[0], node: node)

        for (index, id) in auctions.enumerated() {
            let rest = try WebFixtures.json(try await Self.waitFor("/v1/auctions/\(id)", on: node))
            let description = index == 0 ? Self.longDescription : Self.titles[index]
            #expect(rest["title"] as? String == Self.titles[index])
            #expect(rest["description"] as? String == description)
            #expect((rest["seller"] as? [String: Any])?["displayName"] as? String == Self.names[0])
            let page = try await node.get("/auctions/\(id)")
            #expect(page.contains(HTML.escape(Self.titles[index])), "page of \(index)")
            #expect(page.contains(HTML.escape(description)), "page of \(index)")
        }
        let bids = try WebFixtures.json(try await node.curl(["/v1/auctions/\(auctions[0])/bids"]))
        let bidders = Set(((bids["bids"] as? [[String: Any]]) ?? []).compactMap { ($0["bidder"] as? [String: Any])?["displayName"] as? String })
        #expect(bidders == Set(Self.names.dropFirst()))
        let auctionPage = try await node.get("/auctions/\(auctions[0])")
        for (index, user) in users.enumerated() {
            let profile = try WebFixtures.json(try await Self.waitFor("/v1/users/\(URLPath.segment(user.id))", on: node))
            #expect(profile["displayName"] as? String == Self.names[index])
            #expect(try await node.get("/users/\(URLPath.segment(user.id))").contains(HTML.escape(Self.names[index])))
            #expect(index == 0 || auctionPage.contains(HTML.escape(Self.names[index])), "bidder \(index) on the auction page")
        }
        try await Self.hostileParametersAreRefused(node)
        let listing = try WebFixtures.json(try await node.curl(["/v1/auctions"]))
        #expect((listing["auctions"] as? [Any])?.count == Self.titles.count, "the tables are whole")
        // The seller filter is an exact match: wildcards and quotes find nobody's auctions.
        let own = try WebFixtures.json(try await node.curl(["/v1/auctions?status=all&seller=\(FormBody.encode(users[0].id))"]))
        #expect((own["auctions"] as? [Any])?.count == Self.titles.count)
        for seller in ["%", "_%", "' OR '1'='1", "\(users[0].id)' --", "\(users[0].id)%", String(users[0].id.dropLast()) + "_"] {
            let listed = try WebFixtures.json(try await node.curl(["/v1/auctions?status=all&seller=\(FormBody.encode(seller))"]))
            #expect((listed["auctions"] as? [Any])?.isEmpty == true, "seller=\(seller)")
        }
        await cluster.stop()
    }

    /// Metacharacters in ids, cursors and limits: refused with the JSON error shape (or the HTML 404).
    static func hostileParametersAreRefused(_ node: Browser) async throws {
        let sql = FormBody.encode("' OR 1=1; DROP TABLE auctions; --")
        let cases: [(String, Int)] = [
            ("/v1/auctions/\(sql)", 404), ("/v1/auctions/\(sql)/bids", 404), ("/v1/users/\(sql)", 404),
            ("/v1/auctions?cursor=\(sql)", 400), ("/v1/auctions?limit=\(sql)", 400), ("/v1/auctions?limit=1&\(sql)=1", 400),
            ("/v1/auctions/%25/bids?cursor=%25_", 400), ("/v1/auctions?status=\(sql)", 400), ("/v1/auctions?sort=\(sql)", 400),
            ("/v1/auctions?seller=x&status=\(sql)", 400),
        ]
        for (path, status) in cases {
            let response = WebPageTests.split(try await node.curl(["-i", path]))
            #expect(response.status == status, "\(path)")
            let error = try WebFixtures.json(response.body)["error"] as? [String: Any]
            #expect(error?["code"] is String, "\(path): \(response.body)")
        }
        for path in ["/auctions/\(sql)", "/users/\(sql)", "/auctions?cursor=\(sql)"] {
            let status = try await node.curl(["-o", "/dev/null", "-w", "%{http_code}", path])
            #expect(status == "404" || status == "400", "\(path): \(status)")
        }
    }

    static func post(_ url: String, _ body: [String: Any], token: String? = nil, key: String? = nil) async throws
        -> (status: Int, body: String, json: [String: Any])
    {
        let data = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        var arguments = ["-i", "-H", "Content-Type: application/json", "--data-binary", data]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
        let all = arguments + [url]
        let reply = WebPageTests.split(try await WebTestbed.clients.run { try ExternalClient.curl(all) })
        return (reply.status, reply.body, (try? WebFixtures.json(reply.body)) ?? [:])
    }

    /// The body of `path` once the node has projected it (200).
    static func waitFor(_ path: String, on node: Browser) async throws -> String {
        for _ in 0..<200 {
            let response = WebPageTests.split(try await node.curl(["-i", path]))
            if response.status == 200 { return response.body }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerError("\(path) never appeared")
    }

    static func waitForBids(_ count: Int, on auction: String, node: Browser) async throws {
        for _ in 0..<200 {
            let body = (try? WebFixtures.json(try await node.curl(["/v1/auctions/\(auction)"]))) ?? [:]
            if body["bidCount"] as? Int == count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerError("\(auction) never reached \(count) bids")
    }
}
