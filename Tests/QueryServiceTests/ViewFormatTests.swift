import AuctionDomain
import Testing
@testable import QueryService

/// Escaping, money and time formatting used by every component.
@Suite struct ViewFormatTests {
    @Test func escapesTheFiveSpecialCharactersAndNothingElse() {
        #expect(HTML.escape(#"<a href="x" title='y'>Tom & Jerry</a> é ✓"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt; é ✓")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    @Test func interpolationEscapesTextButNotNestedMarkup() {
        let name = "<script>alert(1)</script>"
        let inner: HTML = "<b>\(name)</b>"
        let outer: HTML = "<p title=\"\(name)\">\(inner)</p>"
        #expect(outer.rendered
            == "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;\"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b></p>")
    }

    @Test(arguments: [
        (Int64(1), "EUR", "€0.01"), (10, "EUR", "€0.10"), (1250, "EUR", "€12.50"), (100, "USD", "$1.00"),
        (99, "GBP", "£0.99"), (123_456_789, "EUR", "€1,234,567.89"), (100_000, "CHF", "1,000.00 CHF"),
        (100_000_000_000, "EUR", "€1,000,000,000.00"),
    ])
    func formatsMinorUnitsWithoutFloatingPoint(minorUnits: Int64, currency: String, expected: String) throws {
        let money = try Money(minorUnits: minorUnits, currency: Currency(code: currency))
        #expect(MoneyText.format(money) == expected)
    }

    @Test(arguments: [
        ("12.50", Int64?.some(1250)), ("12.5", 1250), ("12", 1200), ("0.07", 7), (" 1,234.05 ", 123_405),
        ("1000000000", 100_000_000_000), ("1000000000.01", nil), ("12.345", nil), ("-1", nil), ("1e3", nil),
        ("", nil), (".5", nil), ("12,50", nil), ("1,23", nil), (",123", nil), ("1,234,567", 123_456_700), ("12.", nil), ("abc", nil), ("١٢", nil),
    ])
    func parsesTypedAmountsIntoMinorUnits(text: String, expected: Int64?) {
        #expect(MoneyText.parseMinorUnits(text) == expected)
    }

    @Test(arguments: [
        (EpochMilliseconds(0), "1970-01-01T00:00:00Z", "1 Jan 1970, 00:00 UTC"),
        (1_700_000_000_000, "2023-11-14T22:13:20Z", "14 Nov 2023, 22:13 UTC"),
        (1_709_208_000_999, "2024-02-29T12:00:00Z", "29 Feb 2024, 12:00 UTC"),
        (-1, "1969-12-31T23:59:59Z", "31 Dec 1969, 23:59 UTC"),
    ])
    func formatsInstantsInUTC(instant: EpochMilliseconds, iso: String, readable: String) {
        #expect(TimeText.iso8601(instant) == iso)
        #expect(TimeText.readable(instant) == readable)
    }

    @Test func encodesIdsAsOneURLPathSegment() {
        #expect(URLPath.auction("a/b?c=1#d") == "/auctions/a%2Fb%3Fc%3D1%23d")
        #expect(URLPath.bids("a-1_x") == "/auctions/a-1_x/bids")
        #expect(URLPath.user("é ~.") == "/users/%C3%A9%20~.")
    }
}
