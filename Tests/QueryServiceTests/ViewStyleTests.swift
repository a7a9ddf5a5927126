import Testing
@testable import QueryService

/// The stylesheet: every page links it, it carries nothing a browser could execute, and the
/// node serves it as CSS from its own origin (which the Content-Security-Policy's
/// `style-src 'self'` allows, without `unsafe-inline`).
@Suite struct ViewStyleTests {
    @Test func theLayoutLinksTheStylesheetAndTheStylesheetHoldsNoScript() {
        let html = PageLayout.render(PageLayout.Model(title: "Home", content: "<p>hi</p>", position: 1, epoch: "e1")).rendered
        #expect(html.contains(#"<title>Home · Live Auctions</title><link rel="stylesheet" href="/assets/site.css"><script"#), "in head")
        #expect(!html.contains("style="), "no inline style attribute")
        #expect(!html.contains("<style"), "no inline style element")
        #expect(PageLayout.contentSecurityPolicy.contains("style-src 'self';"))
        #expect(!PageLayout.contentSecurityPolicy.contains("unsafe"))

        let css = SiteStyle.source.lowercased()
        #expect(!css.contains("expression("))
        #expect(!css.contains("url(javascript"))
        #expect(!css.contains("@import"))
        #expect(!css.contains("</style"))
        #expect(css.contains(".live-updated"), "the class the live script sets on replaced fragments")
        #expect(css.contains("prefers-reduced-motion"))
        #expect(LiveScript.source.contains(#"classList.add("live-updated")"#))
    }

    @Test func theNodeServesTheStylesheetAsCSS() async throws {
        let node = try await WebTestbed.make()
        let style = WebPageTests.split(try await node.curl(["-i", SiteStyle.path]))
        #expect(style.status == 200)
        #expect(style.headers.contains("content-type: text/css; charset=utf-8"))
        #expect(style.headers.contains("cache-control: public, max-age=300"))
        #expect(style.headers.contains("x-content-type-options: nosniff"))
        #expect(style.body == SiteStyle.source)
        let home = try await node.curl(["/"])
        #expect(home.contains(#"<link rel="stylesheet" href="/assets/site.css">"#))
        await node.close()
    }
}
