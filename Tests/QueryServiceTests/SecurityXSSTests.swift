import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// Issue #8, script injection: hostile text in every user-supplied field (display names, titles,
/// descriptions, paths and query strings echoed on pages, the flash cookie a browser can forge)
/// rendered by real processes (a CommandService and two QueryService nodes) in headless Chromium,
/// on the first render and after live updates over the WebSocket. Nothing may run, no element may
/// come from a value, and every payload must be visible verbatim as text.
@Suite(.serialized, .enabled(if: HeadlessChromium.path != nil, "needs chromium-headless-shell (apt-get install chromium-headless-shell)"))
struct SecurityXSSTests {
    /// Each tries to run script (setting `window.__pwned` or the title) or to create an element
    /// with an id starting `pwn`; all fit a display name (50 characters, no outer whitespace).
    static let payloads = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=window.__pwned=2 id=pwn2>",
        "\"><svg onload=window.__pwned=3 id=pwn3>",
        "'><b id=pwn4>4</b><i x='",
        "</textarea><b id=pwn5>5</b>",
        "javascript:document.title='pwned6'",
        "</title><b id=pwn7>7</b>",
        "<a href=\"javascript:void(8)\" id=pwn8>8</a>",
        "&lt;b id=pwn9&gt; &amp; &#39; &quot;",
        "<style>*{display:none}</style><b id=pwn10>",
        "{{constructor.constructor('window.__pwned=11')()}}",
        "<iframe srcdoc='<b id=pwn12>'></iframe>",
    ]

    @Test func hostileTextInEveryFieldRendersAsTextAndRunsNothing() async throws {
        let cluster = try await EndToEndCluster.start()
        try await EndToEndCluster.waitUntilReady(cluster.baseA)
        try await EndToEndCluster.waitUntilReady(cluster.baseB)

        // One hostile user per payload (on node B: they bid there), the first is the seller.
        var users: [Browser] = []
        for name in Self.payloads {
            let user = Browser(base: cluster.baseB)
            let form = try await user.get("/register")
            let registered = try await user.submit(form, to: "/register", ["displayName": name, "password": "long password"])
            #expect(registered.headers.contains("location: /\r\n") || registered.headers.hasSuffix("location: /"), "\(name): \(registered.headers)")
            users.append(user)
        }
        let seller = users[0]
        var auctions: [String] = []
        for (index, title) in Self.payloads.enumerated() {
            let description = index == 0 ? Self.payloads.joined(separator: " | ") : title
            auctions.append(try await Self.list(title: title, description: description, by: seller))
        }
        let main = auctions[0]
        let sellerID = try #require(try await Self.userID(of: seller))

        let onAuction = SecurityChromium.goFile(), onHome = SecurityChromium.goFile()
        let liveTitle = "<b id=pwnlive>live</b><script>window.__pwned='live'</script>"
        let inspectAll = try SecurityChromium.inspection(expected: Self.payloads)
        let flashPayload = Self.payloads[4] + Self.payloads[2]
        let flash = Flash(kind: .error, message: flashPayload, path: "/sell", values: [
            "title": flashPayload, "description": Self.payloads[4] + Self.payloads[1], "startingPrice": Self.payloads[2],
            "reservePrice": Self.payloads[3], "durationMinutes": Self.payloads[0],
        ])
        let flashValue = try #require(flash.setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
        let session = try #require(try seller.cookie("auction_session"))
        let hostilePath = "/\"><svg/onload=window.__pwned=13>"
        let a = cluster.baseA
        let steps: [[String: Any]] = [
            ["navigate": "\(a)/"], ["eval": inspectAll, "as": "home"],
            ["navigate": "\(a)/auctions"], ["eval": inspectAll, "as": "browse"],
            ["navigate": "\(a)/users/\(URLPath.segment(sellerID))"],
            ["eval": inspectAll, "as": "seller"],
            ["navigate": "\(a)/auctions/\(main)"], ["eval": inspectAll, "as": "auction"],
            ["wait": "document.getElementById('live-status').textContent === 'live'", "as": "auction-live"],
            ["signal": "auction-open"], ["wait_file": onAuction, "timeout": 90],
            ["wait": "document.querySelectorAll('#bids-\(main) li').length === \(Self.payloads.count - 1)", "as": "bids-arrived", "timeout": 30],
            ["eval": inspectAll, "as": "auction-after-live"],
            ["navigate": "\(a)/"],
            ["wait": "document.getElementById('live-status').textContent === 'live'", "as": "home-live"],
            ["signal": "home-open"], ["wait_file": onHome, "timeout": 90],
            ["wait": "document.body.textContent.includes(\(try Self.jsString(liveTitle)))", "as": "home-updated", "timeout": 30],
            ["eval": try SecurityChromium.inspection(expected: [liveTitle]), "as": "home-after-live"],
            ["navigate": "\(a)/auctions/%3Cscript%3Ewindow.__pwned%3D14%3C%2Fscript%3E"],
            ["eval": try SecurityChromium.inspection(expected: []), "as": "not-found"],
            ["navigate": "\(a)/auctions/\(URLPath.segment("\"><b id=pwn15>'<svg onload=window.__pwned=15>"))"],
            ["eval": try SecurityChromium.inspection(expected: []), "as": "unknown-auction"],
            ["navigate": "\(a)/users/\(URLPath.segment("'><b id=pwn16>\"<img src=x onerror=window.__pwned=16>"))"],
            ["eval": try SecurityChromium.inspection(expected: []), "as": "unknown-user"],
            ["navigate": "\(a)/login?next=\(FormBody.encode(hostilePath))"],
            ["eval": try SecurityChromium.inspection(expected: [hostilePath]), "as": "login-next"],
            ["navigate": "\(a)/auctions?cursor=\(FormBody.encode(Self.payloads[2]))"],
            ["eval": try SecurityChromium.inspection(expected: []), "as": "bad-cursor"],
            ["cookie": ["name": "auction_session", "value": session, "url": a]],
            ["cookie": ["name": "auction_flash", "value": String(flashValue), "url": a]],
            ["navigate": "\(a)/sell"],
            ["eval": try SecurityChromium.inspection(expected: [flashPayload, Self.payloads[4] + Self.payloads[1], Self.payloads[3]]),
             "as": "forged-flash"],
            ["eval": "document.querySelector('textarea').value", "as": "textarea"],
            ["navigate": "\(a)/"], ["eval": try SecurityChromium.inspection(expected: [Self.payloads[0]]), "as": "signed-in-home"],
        ] + (try Self.forgedFlashSteps(base: a, auction: main))
        let browser = try SecurityChromium.start(steps)

        // Live: every hostile user but the seller bids through node B while node A's page is open.
        try await browser.waitForSignal("auction-open")
        for (index, user) in users.enumerated().dropFirst() {
            let page = try await user.get("/auctions/\(main)")
            let placed = try await user.submit(page, to: "/auctions/\(main)/bids", ["maximum": "\(20 + index * 10).00"])
            #expect(placed.status == 303, "bid \(index)")
        }
        browser.release(onAuction)
        try await browser.waitForSignal("home-open")
        // Ending sooner than the others, it is at the top of the home page's ending-soon list.
        _ = try await Self.list(title: liveTitle, description: liveTitle, by: users[1], minutes: 5)
        browser.release(onHome)

        let (values, report) = try await browser.finish()
        let pages = [
            "home", "browse", "seller", "auction", "auction-after-live", "home-after-live", "not-found", "unknown-auction", "unknown-user",
            "login-next", "bad-cursor", "forged-flash", "signed-in-home", "flash/login", "flash/register", "flash/auctions/\(main)",
        ]
        for page in pages {
            try SecurityChromium.expectClean(values[page], page: page)
        }
        for step in ["auction-live", "bids-arrived", "home-live", "home-updated"] {
            #expect(values[step] as? Bool == true, "\(step)")
        }
        #expect(values["textarea"] as? String == Self.payloads[4] + Self.payloads[1], "the form is filled with the text as typed")
        #expect((report["dialogs"] as? [Any])?.isEmpty == true, "\(report)")
        #expect((report["exceptions"] as? [Any])?.isEmpty == true, "\(report)")
        #expect((report["csp"] as? [Any])?.isEmpty == true, "no inline script was even attempted: \(report)")
        await cluster.stop()
    }

    /// A flash cookie is the browser's to forge: one per page that shows one, its message and
    /// every value it fills in hostile (the session cookie is still set: the bid form shows).
    static func forgedFlashSteps(base: String, auction: String) throws -> [[String: Any]] {
        let pages: [(String, [String: String])] = [
            ("/login", ["username": payloads[1]]), ("/register", ["displayName": payloads[3]]), ("/auctions/\(auction)", ["maximum": payloads[2]]),
        ]
        return try pages.flatMap { path, values -> [[String: Any]] in
            let flash = Flash(kind: .error, message: payloads[4], path: path, values: values)
            let value = try #require(flash.setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
            return [
                ["cookie": ["name": "auction_flash", "value": String(value), "url": base]],
                ["navigate": base + path],
                ["eval": try SecurityChromium.inspection(expected: [payloads[4]] + Array(values.values)), "as": "flash\(path)"],
            ]
        }
    }

    /// Lists an auction through `seller`'s browser on its node; returns its id.
    static func list(title: String, description: String, by seller: Browser, minutes: Int = 60) async throws -> String {
        let listed = try await seller.submit(try await seller.get("/sell"), to: "/sell", [
            "title": title, "description": description, "startingPrice": "10.00", "currency": "EUR", "durationMinutes": "\(minutes)",
        ])
        let location = try #require(listed.headers.split(separator: "\r\n").first { $0.hasPrefix("location: /auctions/") }, "\(listed)")
        return String(location.dropFirst("location: /auctions/".count))
    }

    /// The signed-in user's id, from the session token's subject (its second part, base64url).
    static func userID(of browser: Browser) async throws -> String? {
        guard let token = try browser.cookie("auction_session") else { return nil }
        let parts = token.split(separator: ".")
        guard parts.count == 4 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }

    static func jsString(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
