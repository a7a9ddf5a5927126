import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// The forms without JavaScript against a real CommandService: register, log in, sell, bid;
/// post/redirect/get; the writer's errors on the page; read-your-writes on the same node.
@Suite(.serialized) struct WebCommandTests {
    @Test func aSellerAndABidderUseTheSiteWithFormsAlone() async throws {
        let fixture = try await WebCommandFixture.start()
        let node = fixture.node
        let seller = Browser(node: node), bidder = Browser(node: node)

        // Register: 303 home, a session cookie that scripts cannot read, the name in the header.
        let registered = try await seller.submit(try await seller.get("/register"), to: "/register", ["displayName": "Sam Seller", "password": "correct horse"])
        #expect(registered.status == 303)
        #expect(registered.headers.contains("location: /\r\n") || registered.headers.hasSuffix("location: /"))
        let sessionHeader = registered.headers.split(separator: "\r\n").first { $0.hasPrefix("set-cookie: auction_session=") }.map(String.init) ?? ""
        #expect(sessionHeader.contains("path=/; httponly; samesite=lax; max-age="))
        let home = try await seller.get("/")
        #expect(home.contains("<span class=\"user\">Sam Seller</span>"))

        // Sell: the title is a script; the new auction's page is where the redirect goes.
        let listed = try await seller.submit(try await seller.get("/sell"), to: "/sell", [
            "title": WebPageTests.script, "description": "Bright", "startingPrice": "10.00", "currency": "EUR", "reservePrice": "",
            "durationMinutes": "60",
        ])
        #expect(listed.status == 303)
        let location = try #require(listed.headers.split(separator: "\r\n").first { $0.hasPrefix("location: /auctions/") })
        let page = String(location.dropFirst("location: ".count))
        let auctionID = String(page.dropFirst("/auctions/".count))
        let sellerView = try await seller.get(page)
        #expect(sellerView.contains("Your auction is listed."))
        #expect(sellerView.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!sellerView.contains(WebPageTests.script))
        #expect(sellerView.contains("This is your auction."))

        // A visitor sees a log-in prompt; after registering, the bid form.
        #expect(try await bidder.get(page).contains("to bid."))
        _ = try await bidder.submit(try await bidder.get("/register"), to: "/register", ["displayName": "Bea Bidder", "password": "battery staple"])
        var form = try await bidder.get(page)
        #expect(form.contains("class=\"bid-form\""))

        // Too low: the CommandService's message comes back on the page with the typed amount.
        let low = try await bidder.submit(form, to: "\(page)/bids", ["maximum": "5.00"])
        #expect(low.status == 303)
        #expect(low.headers.contains("location: \(page.lowercased())"))
        form = try await bidder.get(page)
        #expect(form.contains("bid-result error"))
        #expect(form.contains("at least"))
        #expect(form.contains("value=\"5.00\""))

        // A good bid: 303, and this node's very next REST read shows it (read-your-writes).
        let good = try await bidder.submit(form, to: "\(page)/bids", ["maximum": "25.00"])
        #expect(good.status == 303)
        let auction = try WebFixtures.json(try await node.curl(["/v1/auctions/\(auctionID)"]))
        #expect(auction["bidCount"] as? Int == 1)
        #expect((auction["leader"] as? [String: Any])?["displayName"] as? String == "Bea Bidder")
        let after = try await bidder.get(page)
        #expect(after.contains("You are the highest bidder at €10.00."))
        #expect(after.contains("Leading: <span class=\"name\">Bea Bidder</span>"))

        // Resubmitting the same form (same idempotency key) is the same bid, not a second one.
        let again = try await bidder.submit(form, to: "\(page)/bids", ["maximum": "25.00"])
        #expect(again.status == 303)
        let replayed = try WebFixtures.json(try await node.curl(["/v1/auctions/\(auctionID)"]))
        #expect(replayed["bidCount"] as? Int == 1)
        await fixture.close()
    }

    @Test func logInAndLogOutWithTheirErrorsShownOnTheForm() async throws {
        let fixture = try await WebCommandFixture.start()
        let browser = Browser(node: fixture.node)
        _ = try await browser.submit(try await browser.get("/register"), to: "/register", ["displayName": "Lou", "password": "long password"])
        let taken = try await browser.submit(try await browser.get("/register"), to: "/register", ["displayName": "Lou", "password": "other password"])
        #expect(taken.status == 303)
        #expect(try await browser.get("/register").contains("form-error"))

        let other = Browser(node: fixture.node)
        let wrong = try await other.submit(try await other.get("/login"), to: "/login", ["username": "Lou", "password": "wrong password", "next": "/"])
        #expect(wrong.status == 303)
        let shown = try await other.get("/login")
        #expect(shown.contains("The display name or password is wrong."))
        let right = try await other.submit(try await other.get("/login?next=%2Fsell"), to: "/login", ["username": "Lou", "password": "long password"])
        #expect(right.status == 303)
        #expect(right.headers.contains("location: /sell"))
        #expect(try other.cookie("auction_session") != nil)
        #expect(try await other.get("/sell").contains("List auction"))

        let out = try await other.submit(try await other.get("/"), to: "/logout", [:])
        #expect(out.status == 303)
        #expect(out.headers.contains("set-cookie: auction_session=; path=/; httponly; samesite=lax; max-age=0"))
        #expect(try await other.get("/").contains("href=\"/login\""))
        await fixture.close()
    }

    @Test func aBidSentOverTheWebSocketReturnsItsResultAndIsInTheNextRESTRead() async throws {
        let fixture = try await WebCommandFixture.start()
        let node = fixture.node
        let seller = Browser(node: node), bidder = Browser(node: node)
        _ = try await seller.submit(try await seller.get("/register"), to: "/register", ["displayName": "Sol", "password": "long password"])
        let listed = try await seller.submit(try await seller.get("/sell"), to: "/sell", [
            "title": "Clock", "description": "", "startingPrice": "3.00", "currency": "EUR", "durationMinutes": "30",
        ])
        let location = try #require(listed.headers.split(separator: "\r\n").first { $0.hasPrefix("location: /auctions/") })
        let auctionID = String(location.dropFirst("location: /auctions/".count))
        _ = try await bidder.submit(try await bidder.get("/register"), to: "/register", ["displayName": "Wes", "password": "long password"])
        let session = try #require(try bidder.cookie("auction_session"))

        let steps = #"[{"send":{"type":"bid","requestID":"ws-1","auction":"\#(auctionID)","maximum":"7.50"}},{"until":"result","timeout":20},"#
            + #"{"send":{"type":"bid","requestID":"ws-2","auction":"\#(auctionID)","maximum":"1.00"}},{"until":"result","timeout":20}]"#
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "live_session.py")
        let url = "ws://127.0.0.1:\(node.server.port)/live"
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run(try ChildProcess.find("python3"), [script, url, "auction_session=\(session)", "http://127.0.0.1", steps])
        }
        let results = output.split(separator: "\n").compactMap { try? WebFixtures.json(String($0)) }
            .compactMap { $0["frame"] as? [String: Any] }.filter { $0["type"] as? String == "result" }
        #expect(results.count == 2)
        let accepted = try #require(results.first)
        #expect(accepted["requestID"] as? String == "ws-1")
        #expect(accepted["ok"] as? Bool == true)
        #expect((accepted["message"] as? String)?.contains("highest bidder") == true)
        // The very next REST read from this node already shows the bid.
        let auction = try WebFixtures.json(try await node.curl(["/v1/auctions/\(auctionID)"]))
        #expect(auction["bidCount"] as? Int == 1)
        let refused = try #require(results.last)
        #expect(refused["ok"] as? Bool == false)
        #expect(refused["status"] as? Int == 422 || refused["status"] as? Int == 409 || refused["status"] as? Int == 400)
        #expect((refused["message"] as? String)?.isEmpty == false)
        await fixture.close()
    }
}
